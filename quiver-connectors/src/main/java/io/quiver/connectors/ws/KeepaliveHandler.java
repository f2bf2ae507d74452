package io.quiver.connectors.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a ping every {@code intervalMs} once the websocket handshake is done and reports the
 * connection dead when no pong arrives within {@code timeoutMs}. Pongs are consumed here. While the
 * channel is not reading (backpressure), a pong cannot be seen, so the deadline is postponed
 * instead of firing.
 */
final class KeepaliveHandler extends ChannelInboundHandlerAdapter {

  /** What to do with a connection whose peer stopped answering pings. */
  @FunctionalInterface
  interface DeadPeer {
    void noPong(ChannelHandlerContext ctx, String cause);
  }

  private final long intervalMs;
  private final long timeoutMs;
  private final WsMetrics metrics;
  private final DeadPeer deadPeer;
  private ScheduledFuture<?> ticker;
  private ScheduledFuture<?> deadline;

  KeepaliveHandler(long intervalMs, long timeoutMs, WsMetrics metrics, DeadPeer deadPeer) {
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.metrics = metrics;
    this.deadPeer = deadPeer;
  }

  /** The cause reported for a missing pong. */
  static String noPongCause(long timeoutMs) {
    return "no pong within " + timeoutMs + " ms";
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    boolean open =
        event instanceof WebSocketServerProtocolHandler.HandshakeComplete
            || event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
    if (open && ticker == null && intervalMs > 0) {
      ticker =
          ctx.executor()
              .scheduleAtFixedRate(() -> ping(ctx), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
    super.userEventTriggered(ctx, event);
  }

  private void ping(ChannelHandlerContext ctx) {
    if (deadline != null || !ctx.channel().isActive()) {
      return; // still waiting for the previous pong
    }
    metrics.pingSent();
    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(System.nanoTime())));
    deadline = ctx.executor().schedule(() -> expired(ctx), timeoutMs, TimeUnit.MILLISECONDS);
  }

  private void expired(ChannelHandlerContext ctx) {
    if (!ctx.channel().config().isAutoRead()) {
      deadline = ctx.executor().schedule(() -> expired(ctx), timeoutMs, TimeUnit.MILLISECONDS);
      return;
    }
    deadline = null;
    stop();
    if (ctx.channel().isActive()) {
      metrics.pongMissed();
      deadPeer.noPong(ctx, noPongCause(timeoutMs));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof PongWebSocketFrame) {
      ReferenceCountUtil.release(msg);
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (ticker != null) {
      ticker.cancel(false);
      ticker = null;
    }
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
