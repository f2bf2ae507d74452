package io.quiver.connectors.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quiver.spi.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a connection whose peer sent a message larger than {@code max_message_size} with close code
 * 1009, one that broke the websocket protocol with the violation's RFC 6455 code (1002, 1007), and
 * any other failing connection quietly. Sits at the end of the pipeline so it sees every exception.
 */
@ChannelHandler.Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrorHandler.class);

  /**
   * A flood of oversized messages (one per new connection) warns once per role every ten seconds.
   */
  private static final LogThrottle OVERSIZE_WARNINGS = new LogThrottle(LogThrottle.TEN_SECONDS);

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
      long heldBack = OVERSIZE_WARNINGS.admit(role);
      if (heldBack >= 0) {
        LOG.warn(
            "{} {} sent a websocket message larger than max_message_size ({} bytes); closing the"
                + " connection with code 1009{}",
            role,
            ctx.channel().remoteAddress(),
            maxMessageSize,
            OVERSIZE_WARNINGS.heldBackNote(heldBack));
      }
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
      // the one close frame of this connection, with the RFC 6455 code (the frame decoder is set
      // not to send one itself: it would bypass the protocol handler, which would then add a 1000)
      metrics.closeCode(c.closeStatus().code());
      LOG.debug(
          "{} {} broke the websocket protocol ({}); closing with code {}",
          role,
          ctx.channel().remoteAddress(),
          cause.getMessage(),
          c.closeStatus().code());
      CloseFrames.endAfterViolation(ctx, c.closeStatus(), cause.getMessage());
      ctx.close();
      return;
    }
    if (cause instanceof Error) {
      // out of stack or heap, or a bug: only this connection is closed, but it must not go unseen
      ErrorLogGate.error(
          LOG,
          role,
          role + " " + ctx.channel().remoteAddress() + " failed; closing the connection: " + cause,
          cause);
    } else {
      LOG.debug("{} {} failed: {}", role, ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }
}
