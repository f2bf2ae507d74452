package io.quiver.connectors.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;

/**
 * Reports the life of an upstream channel to its session's {@link UpstreamConnection}: handshake
 * done or timed out, failures (an oversized message closes with 1009, a protocol violation with its
 * RFC 6455 code), and the end of the connection.
 */
final class UpstreamLifecycleHandler extends ChannelInboundHandlerAdapter {
  private final UpstreamConnection connection;
  private final WsOfframpSettings settings;

  UpstreamLifecycleHandler(UpstreamConnection connection, WsOfframpSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      UpstreamMessageHandler replies = ctx.pipeline().get(UpstreamMessageHandler.class);
      if (replies != null) {
        WholeMessageShortcut.install(
            ctx.pipeline(), replies, replies, false, settings.maxMessageSize());
      }
      connection.onHandshakeComplete(ctx.channel());
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      connection.onFailure(ctx.channel(), Failures.timedOut(settings.connectTimeoutMs()));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    connection.onInactive(ctx.channel());
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (Failures.isTooBig(cause)) {
      connection.onFailure(ctx.channel(), Failures.tooBig(settings.maxMessageSize()));
      connection.metrics().closeCode(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(
                new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big"))
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null) {
      // the upstream broke RFC 6455: the one close frame says how (1002, 1007)
      connection.onFailure(ctx.channel(), Failures.describe(cause, settings.connectTimeoutMs()));
      connection.metrics().closeCode(c.closeStatus().code());
      CloseFrames.endAfterViolation(ctx, c.closeStatus(), c.getMessage());
      return;
    }
    if (!(cause instanceof IOException)) {
      connection.onFailure(ctx.channel(), Failures.describe(cause, settings.connectTimeoutMs()));
    }
    ctx.close();
  }
}
