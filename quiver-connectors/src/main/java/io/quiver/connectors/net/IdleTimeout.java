package io.quiver.connectors.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Acts on a connection when no data went either way for {@code idleMs}, counted from {@link #start}
 * (when the connection became usable). Which messages are data (a protocol's keepalives are not, so
 * they do not keep an unused connection open) and what to do when the connection is idle are the
 * protocol's subclass's business. One timer per connection, moved on lazily: a message only notes
 * the time, the timer re-arms itself for the rest of the span when it finds activity.
 */
public abstract class IdleTimeout extends ChannelDuplexHandler {
  private final long idleMs;
  private long lastActivity;
  private ScheduledFuture<?> timer;

  protected IdleTimeout(long idleMs) {
    this.idleMs = idleMs;
  }

  /** How long the connection may be idle, in milliseconds. */
  protected final long idleMs() {
    return idleMs;
  }

  /** Whether {@code msg}, read or written, is data (counts as activity). */
  protected abstract boolean isData(Object msg);

  /** No data went either way for {@code idleForMs}, at least {@link #idleMs()}. */
  protected abstract void idle(ChannelHandlerContext ctx, long idleForMs);

  /** Starts the clock (when the connection became usable); once only. On the channel's loop. */
  protected final void start(ChannelHandlerContext ctx) {
    if (timer == null) {
      lastActivity = System.nanoTime();
      schedule(ctx, idleMs);
    }
  }

  /** Data went by on a path that bypasses this handler. On the channel's loop. */
  public final void touch() {
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

  private void schedule(ChannelHandlerContext ctx, long delayMs) {
    timer = ctx.executor().schedule(() -> check(ctx), delayMs, TimeUnit.MILLISECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    long idleFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
    if (idleFor < idleMs) {
      schedule(ctx, idleMs - idleFor);
      return;
    }
    idle(ctx, idleFor);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timer != null) {
      timer.cancel(false);
    }
    super.channelInactive(ctx);
  }
}
