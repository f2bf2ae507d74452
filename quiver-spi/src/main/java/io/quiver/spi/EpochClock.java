package io.quiver.spi;

import java.time.Instant;

/**
 * Wall-clock nanoseconds since the epoch, cheaply (no allocation per call): the epoch time read
 * once at start plus the monotonic clock since. The runtime stamps {@code ingest_ns} with it, so a
 * sink that reads it too gets {@code now - ingest_ns} as a latency on the same base.
 */
public final class EpochClock {
  private static final long EPOCH_NANOS_AT_START;
  private static final long MONOTONIC_AT_START;

  static {
    Instant now = Instant.now();
    MONOTONIC_AT_START = System.nanoTime();
    EPOCH_NANOS_AT_START = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private EpochClock() {}

  public static long nowNs() {
    return EPOCH_NANOS_AT_START + (System.nanoTime() - MONOTONIC_AT_START);
  }
}
