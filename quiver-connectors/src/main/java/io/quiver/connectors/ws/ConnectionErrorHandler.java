package io.quiver.connectors.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a connection whose peer sent a message larger than {@code max_message_size} with close code
 * 1009, and any other failing connection quietly. Sits at the end of the pipeline so it sees every
 * exception.
 */
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrorHandler.class);

  private final int maxMessageSize;
  private final String role;
  private final WsMetrics metrics;

  ConnectionErrorHandler(int maxMessageSize, String role, WsMetrics metrics) {
    this.maxMessageSize = maxMessageSize;
    this.role = role;
    this.metrics = metrics;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException
        || cause instanceof CorruptedWebSocketFrameException c
            && c.closeStatus() != null
            && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      LOG.warn(
          "{} {} sent a websocket message larger than max_message_size ({} bytes); closing the"
              + " connection with code 1009",
          role,
          ctx.channel().remoteAddress(),
          maxMessageSize);
      metrics.closeCode(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(
                new CloseWebSocketFrame(
                    WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "message larger than " + maxMessageSize + " bytes"))
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null) {
      // the frame decoder already sent the close frame with the RFC 6455 code
      metrics.closeCode(c.closeStatus().code());
      LOG.debug(
          "{} {} broke the websocket protocol ({}); closed with code {}",
          role, ctx.channel().remoteAddress(), cause.getMessage(), c.closeStatus().code());
      ctx.close();
      return;
    }
    if (cause instanceof Error) {
      // out of stack or heap, or a bug: only this connection is closed, but it must not go unseen
      ErrorLogGate.error(LOG, role, role + " " + ctx.channel().remoteAddress() + " failed; closing the connection: " + cause, cause);
    } else {
      LOG.debug("{} {} failed: {}", role, ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }
}
