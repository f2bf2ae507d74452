package io.quiver.spi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void durationsLandInTheFirstBucketTheyFitAndCountCumulatively() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(1_000); // exactly the first bound: in it
    h.recordNanos(1_001); // just over: the next one
    h.recordNanos(7_000_000); // <= 10 ms
    h.recordNanos(60_000_000_000L); // over the last bound: +Inf

    LatencyHistogram.Snapshot s = h.snapshot();

    double[] bounds = s.upperBoundsSeconds();
    long[] counts = s.cumulativeCounts();
    assertThat(bounds)
        .hasSize(23)
        .startsWith(1e-6, 2.5e-6, 5e-6)
        .endsWith(10.0, Double.POSITIVE_INFINITY);
    assertThat(counts[0]).isEqualTo(1);
    assertThat(counts[1]).isEqualTo(2);
    assertThat(counts[indexOf(bounds, 0.005)]).isEqualTo(2);
    assertThat(counts[indexOf(bounds, 0.01)]).isEqualTo(3);
    assertThat(counts[indexOf(bounds, 10.0)]).isEqualTo(3);
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.sumSeconds()).isCloseTo(60.007002001, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aNegativeDurationCountsAsZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(-5);

    assertThat(h.snapshot().cumulativeCounts()[0]).isEqualTo(1);
    assertThat(h.snapshot().sumSeconds()).isZero();
  }

  @Test
  void anEmptyHistogramHasZeroEverywhere() {
    LatencyHistogram.Snapshot s = new LatencyHistogram().snapshot();

    assertThat(s.cumulativeCounts()).containsOnly(0L);
    assertThat(s.count()).isZero();
  }

  private static int indexOf(double[] bounds, double bound) {
    for (int i = 0; i < bounds.length; i++) {
      if (bounds[i] == bound) {
        return i;
      }
    }
    throw new AssertionError("no bound " + bound);
  }
}
