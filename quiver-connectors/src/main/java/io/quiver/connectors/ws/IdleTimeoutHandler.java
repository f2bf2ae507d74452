package io.quiver.connectors.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects a client (close code 1001) when no data message went either way for {@code idleMs}.
 * Pings and pongs do not count, so keepalive does not keep an unused connection open.
 */
final class IdleTimeoutHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

  private final long idleMs;
  private final WsMetrics metrics;
  private long lastActivity;
  private ScheduledFuture<?> timer;

  IdleTimeoutHandler(long idleMs, WsMetrics metrics) {
    this.idleMs = idleMs;
    this.metrics = metrics;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete && timer == null) {
      lastActivity = System.nanoTime();
      schedule(ctx, idleMs);
    }
    super.userEventTriggered(ctx, event);
  }

  /** A message went by on a path that bypasses this handler ({@link WholeMessageShortcut}). */
  void touch() {
    lastActivity = System.nanoTime();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (isData(msg)) {
      lastActivity = System.nanoTime();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (isData(msg)) {
      lastActivity = System.nanoTime();
    }
    super.write(ctx, msg, promise);
  }

  /** Text, binary and continuation frames, and data frames already encoded ({@link DataFrames}). */
  private static boolean isData(Object msg) {
    return msg instanceof io.netty.buffer.ByteBuf
        || msg instanceof TextWebSocketFrame
        || msg instanceof BinaryWebSocketFrame
        || msg instanceof ContinuationWebSocketFrame;
  }

  private void schedule(ChannelHandlerContext ctx, long delayMs) {
    timer = ctx.executor().schedule(() -> check(ctx), delayMs, TimeUnit.MILLISECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    long idleFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
    if (idleFor < idleMs) {
      schedule(ctx, idleMs - idleFor);
      return;
    }
    LOG.debug(
        "client {} idle for {} ms; closing with 1001", ctx.channel().remoteAddress(), idleFor);
    metrics.idleTimeout();
    Closer.close(ctx.channel(), metrics, 1001, "idle for more than " + idleMs + " ms");
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timer != null) {
      timer.cancel(false);
    }
    super.channelInactive(ctx);
  }
}
