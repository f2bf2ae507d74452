package io.quiver.runtime.world;

import java.time.Instant;

/** Wall-clock nanoseconds since the epoch, cheaply (no allocation per call). */
final class Clock {
  private static final long EPOCH_NANOS_AT_START;
  private static final long MONOTONIC_AT_START;

  static {
    Instant now = Instant.now();
    MONOTONIC_AT_START = System.nanoTime();
    EPOCH_NANOS_AT_START = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private Clock() {}

  static long nowNs() {
    return EPOCH_NANOS_AT_START + (System.nanoTime() - MONOTONIC_AT_START);
  }
}
