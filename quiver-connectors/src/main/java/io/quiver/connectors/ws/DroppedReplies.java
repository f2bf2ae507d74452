package io.quiver.connectors.ws;

import io.quiver.spi.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream messages that answer no waiting request, dropped so they cannot reach the wrong client:
 * counted in the offramp's metrics ({@code repliesDropped}) and logged at WARN at most every ten
 * seconds per offramp, with how many were dropped since the last warning. Thread-safe (the sessions
 * of one offramp run on several loops).
 */
final class DroppedReplies {
  private static final Logger LOG = LoggerFactory.getLogger(DroppedReplies.class);

  private final String offramp;
  private final WsMetrics metrics;
  private final LogThrottle warnings = new LogThrottle(LogThrottle.TEN_SECONDS);

  DroppedReplies(String offramp, WsMetrics metrics) {
    this.offramp = offramp;
    this.metrics = metrics;
  }

  /** Drops one upstream message of {@code url}; {@code why} says what it failed to match. */
  void drop(WsUrl url, String why) {
    metrics.replyDropped();
    long heldBack = warnings.admit();
    if (heldBack >= 0) {
      LOG.warn(
          "{}: dropped {} message(s) from upstream {} that answered no waiting request, the last one"
              + " because {} (counted as repliesDropped; see session and correlation_field in"
              + " docs/operations.md)",
          offramp,
          heldBack + 1,
          url,
          why);
    } else {
      LOG.debug("{}: dropped a message from upstream {}: {}", offramp, url, why);
    }
  }
}
