package io.quiver.connectors.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Acts on a connection that stayed unwritable (above its write-buffer high water mark: the peer
 * does not read what it is sent) for {@code timeoutMs}: {@link #expired} is called on the channel's
 * loop, once per unwritable spell, unless the channel became writable or closed meanwhile. What to
 * do (close with which code or reason) is the protocol's subclass's business.
 */
public abstract class UnwritableTimeout extends ChannelInboundHandlerAdapter {
  private final long timeoutMs;
  private ScheduledFuture<?> timer;

  protected UnwritableTimeout(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** How long the channel may stay unwritable, in milliseconds. */
  protected final long timeoutMs() {
    return timeoutMs;
  }

  /** The channel stayed unwritable for {@link #timeoutMs()}; it is still open. */
  protected abstract void expired(ChannelHandlerContext ctx);

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable()) {
      if (timer == null) {
        timer = ctx.executor().schedule(() -> fire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
      }
    } else {
      cancel();
    }
    super.channelWritabilityChanged(ctx);
  }

  private void fire(ChannelHandlerContext ctx) {
    timer = null;
    if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
      return;
    }
    expired(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
