package io.quiver.connectors.bench;

import java.time.Instant;

/**
 * Wall-clock nanoseconds since the epoch from the monotonic clock, the way the runtime stamps
 * {@code ingest_ns}, so that {@code now - ingest_ns} is a latency.
 */
final class EpochClock {
  private static final long EPOCH_NANOS_AT_START;
  private static final long MONOTONIC_AT_START;

  static {
    Instant now = Instant.now();
    MONOTONIC_AT_START = System.nanoTime();
    EPOCH_NANOS_AT_START = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private EpochClock() {}

  static long nowNs() {
    return EPOCH_NANOS_AT_START + (System.nanoTime() - MONOTONIC_AT_START);
  }
}
