package io.quiver.connectors.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quiver.spi.LogThrottle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket on the listener's accepts (an onramp's max_accepts_per_second, with a burst of one
 * second's worth): a socket accepted with the bucket empty is closed at once, before it gets an
 * event loop or any handler, and counted, as Envoy's connection rate limit filter does. Sits in the
 * listening channel's pipeline before Netty's acceptor; runs on the listener's loop only.
 */
public final class AcceptRateGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptRateGuard.class);
  private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

  private final int perSecond;
  private final ConnectionMetrics metrics;
  private final String onramp;
  private double tokens;
  private long refilledAt = System.nanoTime();
  private final LogThrottle warnings = new LogThrottle(Duration.ofMinutes(1));

  /**
   * @param perSecond accepts allowed per second (and the burst)
   * @param metrics counts the sockets closed
   * @param onramp names the listener in warnings
   */
  public AcceptRateGuard(int perSecond, ConnectionMetrics metrics, String onramp) {
    this.perSecond = perSecond;
    this.metrics = metrics;
    this.onramp = onramp;
    this.tokens = perSecond;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel child && !take()) {
      metrics.acceptThrottled();
      long heldBack = warnings.admit();
      if (heldBack >= 0) {
        LOG.warn(
            "{}: closed {} new connection(s) (the latest from {}) over max_accepts_per_second ({}); the next"
                + " warning comes a minute later at the earliest, single ones are logged at debug level",
            onramp,
            heldBack + 1,
            child.remoteAddress(),
            perSecond);
      } else {
        LOG.debug(
            "closing connection from {}: max_accepts_per_second ({})",
            child.remoteAddress(),
            perSecond);
      }
      child.unsafe().closeForcibly();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (double) (now - refilledAt) * perSecond / SECOND_NS);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
