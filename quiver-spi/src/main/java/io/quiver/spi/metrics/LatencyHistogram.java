package io.quiver.spi.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted into fixed buckets from 1 µs to 10 s (1, 2.5, 5 per decade), for Prometheus.
 *
 * <p>{@link #recordNanos} is a few comparisons and two {@link LongAdder} increments: no lock, no
 * allocation, safe from any thread. Read it with {@link #snapshot()}.
 */
public final class LatencyHistogram {
  /** The buckets' upper bounds in nanoseconds (the last bucket, +Inf, is not listed). */
  private static final long[] BOUNDS_NS = {
    1_000L,
    2_500L,
    5_000L,
    10_000L,
    25_000L,
    50_000L,
    100_000L,
    250_000L,
    500_000L,
    1_000_000L,
    2_500_000L,
    5_000_000L,
    10_000_000L,
    25_000_000L,
    50_000_000L,
    100_000_000L,
    250_000_000L,
    500_000_000L,
    1_000_000_000L,
    2_500_000_000L,
    5_000_000_000L,
    10_000_000_000L
  };

  private final LongAdder[] buckets = new LongAdder[BOUNDS_NS.length + 1];
  private final LongAdder sumNanos = new LongAdder();

  public LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Counts one duration; a negative one (a clock stepping back) counts as 0. */
  public void recordNanos(long nanos) {
    long n = Math.max(0, nanos);
    int i = 0;
    while (i < BOUNDS_NS.length && n > BOUNDS_NS[i]) {
      i++;
    }
    buckets[i].increment();
    sumNanos.add(n);
  }

  /**
   * The histogram as Prometheus shows it.
   *
   * @param upperBoundsSeconds each bucket's upper bound, the last one {@code +Inf}
   * @param cumulativeCounts how many durations were at most each bound
   * @param sumSeconds all durations added up
   */
  public record Snapshot(double[] upperBoundsSeconds, long[] cumulativeCounts, double sumSeconds) {
    /** How many durations were recorded. */
    public long count() {
      return cumulativeCounts[cumulativeCounts.length - 1];
    }
  }

  /** Reads the buckets (each atomically, not all at once: a count may lead its sum a little). */
  public Snapshot snapshot() {
    double[] bounds = new double[buckets.length];
    long[] counts = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      bounds[i] = i < BOUNDS_NS.length ? BOUNDS_NS[i] / 1e9 : Double.POSITIVE_INFINITY;
      running += buckets[i].sum();
      counts[i] = running;
    }
    return new Snapshot(bounds, counts, sumNanos.sum() / 1e9);
  }
}
