package io.quiver.connectors.ws;

import java.util.concurrent.TimeUnit;

/**
 * Decides when a repeated refusal (a limit hit by every socket of a flood) is worth a warning: the
 * first time, then at most once a minute, counting the ones in between, which go to debug level.
 * Thread-safe; only called on refusal paths.
 */
final class OccasionalWarning {
  private static final long EVERY_NS = TimeUnit.MINUTES.toNanos(1);

  private boolean warned;
  private long lastNs;
  private long since;

  /**
   * Counts one occurrence; returns how many occurred since the last warning (this one included)
   * when this one should be logged as a warning, else 0.
   */
  synchronized long occurred() {
    since++;
    long now = System.nanoTime();
    if (warned && now - lastNs < EVERY_NS) {
      return 0;
    }
    warned = true;
    lastNs = now;
    long n = since;
    since = 0;
    return n;
  }
}
