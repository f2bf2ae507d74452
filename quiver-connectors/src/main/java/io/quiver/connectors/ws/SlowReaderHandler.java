package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.quiver.connectors.net.UnwritableTimeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects a client whose reply queue stayed above {@code send_queue_max_bytes} for {@code
 * timeoutMs} (it does not read its replies), with close code 1008. While the queue is full the
 * onramp already stopped reading that client (see {@link
 * ClientStreamHandler#channelWritabilityChanged}); this bounds how long.
 */
final class SlowReaderHandler extends UnwritableTimeout {
  private static final Logger LOG = LoggerFactory.getLogger(SlowReaderHandler.class);

  private final WsMetrics metrics;

  SlowReaderHandler(long timeoutMs, WsMetrics metrics) {
    super(timeoutMs);
    this.metrics = metrics;
  }

  /** The reason sent in the close frame. */
  static String reason(long timeoutMs) {
    return "client did not read its replies for " + timeoutMs + " ms";
  }

  @Override
  protected void expired(ChannelHandlerContext ctx) {
    LOG.info(
        "closing client {} with code 1008: it did not read its replies for {} ms (more than"
            + " send_queue_max_bytes waiting)",
        ctx.channel().remoteAddress(),
        timeoutMs());
    metrics.slowReaderClosed();
    Closer.closeNow(ctx.channel(), metrics, 1008, reason(timeoutMs()));
  }
}
