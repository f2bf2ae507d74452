package io.quiver.connectors.ws;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream messages that answer no waiting request, dropped so they cannot reach the wrong client:
 * counted in the offramp's metrics ({@code repliesDropped}) and logged at WARN at most every
 * {@link #WARN_EVERY_MS} ms per offramp, with how many were dropped since the last warning.
 * Thread-safe (the sessions of one offramp run on several loops).
 */
final class DroppedReplies {
  private static final Logger LOG = LoggerFactory.getLogger(DroppedReplies.class);
  static final long WARN_EVERY_MS = 10_000;

  private final String offramp;
  private final WsMetrics metrics;
  private final AtomicLong sinceWarning = new AtomicLong();
  private final AtomicLong nextWarningNs = new AtomicLong(System.nanoTime());

  DroppedReplies(String offramp, WsMetrics metrics) {
    this.offramp = offramp;
    this.metrics = metrics;
  }

  /** Drops one upstream message of {@code url}; {@code why} says what it failed to match. */
  void drop(WsUrl url, String why) {
    metrics.replyDropped();
    long dropped = sinceWarning.incrementAndGet();
    long next = nextWarningNs.get();
    long now = System.nanoTime();
    if (now - next >= 0 && nextWarningNs.compareAndSet(next, now + TimeUnit.MILLISECONDS.toNanos(WARN_EVERY_MS))) {
      sinceWarning.addAndGet(-dropped);
      LOG.warn(
          "{}: dropped {} message(s) from upstream {} that answered no waiting request, the last one"
              + " because {} (counted as repliesDropped; see session and correlation_field in"
              + " docs/operations.md)",
          offramp, dropped, url, why);
    } else {
      LOG.debug("{}: dropped a message from upstream {}: {}", offramp, url, why);
    }
  }
}
