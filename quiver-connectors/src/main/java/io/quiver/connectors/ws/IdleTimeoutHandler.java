package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.connectors.net.IdleTimeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects a client (close code 1001) when no data message went either way for {@code idleMs},
 * counted from its handshake. Pings and pongs do not count, so keepalive does not keep an unused
 * connection open. A message that bypasses this handler ({@link WholeMessageShortcut}) calls {@link
 * #touch()}.
 */
final class IdleTimeoutHandler extends IdleTimeout {
  private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

  private final WsMetrics metrics;

  IdleTimeoutHandler(long idleMs, WsMetrics metrics) {
    super(idleMs);
    this.metrics = metrics;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      start(ctx);
    }
    super.userEventTriggered(ctx, event);
  }

  /** Text, binary and continuation frames, and data frames already encoded ({@link DataFrames}). */
  @Override
  protected boolean isData(Object msg) {
    return msg instanceof ByteBuf
        || msg instanceof TextWebSocketFrame
        || msg instanceof BinaryWebSocketFrame
        || msg instanceof ContinuationWebSocketFrame;
  }

  @Override
  protected void idle(ChannelHandlerContext ctx, long idleForMs) {
    LOG.debug(
        "client {} idle for {} ms; closing with 1001", ctx.channel().remoteAddress(), idleForMs);
    metrics.idleTimeout();
    Closer.close(ctx.channel(), metrics, 1001, "idle for more than " + idleMs() + " ms");
  }
}
