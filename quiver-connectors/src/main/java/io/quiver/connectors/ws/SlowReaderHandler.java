package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects a client whose reply queue stayed above {@code send_queue_max_bytes} for {@code
 * timeoutMs} (it does not read its replies), with close code 1008. While the queue is full the
 * onramp already stopped reading that client (see {@link WritabilityHandler}); this bounds how
 * long.
 */
final class SlowReaderHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(SlowReaderHandler.class);

  private final long timeoutMs;
  private final WsMetrics metrics;
  private ScheduledFuture<?> timer;

  SlowReaderHandler(long timeoutMs, WsMetrics metrics) {
    this.timeoutMs = timeoutMs;
    this.metrics = metrics;
  }

  /** The reason sent in the close frame. */
  static String reason(long timeoutMs) {
    return "client did not read its replies for " + timeoutMs + " ms";
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable()) {
      if (timer == null) {
        timer = ctx.executor().schedule(() -> expired(ctx), timeoutMs, TimeUnit.MILLISECONDS);
      }
    } else {
      cancel();
    }
    super.channelWritabilityChanged(ctx);
  }

  private void expired(ChannelHandlerContext ctx) {
    timer = null;
    if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
      return;
    }
    LOG.info(
        "closing client {} with code 1008: it did not read its replies for {} ms (more than"
            + " send_queue_max_bytes waiting)",
        ctx.channel().remoteAddress(),
        timeoutMs);
    metrics.slowReaderClosed();
    Closer.closeNow(ctx.channel(), metrics, 1008, reason(timeoutMs));
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
