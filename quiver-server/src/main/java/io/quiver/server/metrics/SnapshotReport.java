package io.quiver.server.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.quiver.spi.metrics.LatencyHistogram;
import io.quiver.spi.metrics.MetricsReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link MetricsReport} that gathers the samples written into it into Prometheus snapshots, one
 * metric family per name, in the order the names first came. A sample whose name was reported
 * before with another type, or whose labels repeat an earlier sample's, is an error in the
 * reporter: it throws {@link IllegalArgumentException}.
 */
final class SnapshotReport implements MetricsReport {
  private final Map<String, Family> families = new LinkedHashMap<>();

  private sealed interface Family {
    MetricSnapshot build();
  }

  private record Counters(CounterSnapshot.Builder builder) implements Family {
    @Override
    public MetricSnapshot build() {
      return builder.build();
    }
  }

  private record Gauges(GaugeSnapshot.Builder builder) implements Family {
    @Override
    public MetricSnapshot build() {
      return builder.build();
    }
  }

  private record Histograms(HistogramSnapshot.Builder builder) implements Family {
    @Override
    public MetricSnapshot build() {
      return builder.build();
    }
  }

  @Override
  public void counter(String name, String help, long value, String... labels) {
    Counters f =
        family(
            name,
            Counters.class,
            () -> new Counters(CounterSnapshot.builder().name(name).help(help)));
    f.builder()
        .dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(labels))
                .value(value)
                .build());
  }

  @Override
  public void gauge(String name, String help, double value, String... labels) {
    Gauges f =
        family(name, Gauges.class, () -> new Gauges(GaugeSnapshot.builder().name(name).help(help)));
    f.builder()
        .dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labels))
                .value(value)
                .build());
  }

  @Override
  public void histogram(
      String name, String help, LatencyHistogram.Snapshot histogram, String... labels) {
    Histograms f =
        family(
            name,
            Histograms.class,
            () -> new Histograms(HistogramSnapshot.builder().name(name).help(help)));
    long[] cumulative = histogram.cumulativeCounts();
    long[] perBucket = new long[cumulative.length];
    for (int i = 0; i < cumulative.length; i++) {
      perBucket[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }
    f.builder()
        .dataPoint(
            HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(Labels.of(labels))
                .classicHistogramBuckets(
                    ClassicHistogramBuckets.of(histogram.upperBoundsSeconds(), perBucket))
                .sum(histogram.sumSeconds())
                .build());
  }

  /** The families gathered so far. */
  MetricSnapshots snapshots() {
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    families.values().forEach(f -> all.metricSnapshot(f.build()));
    return all.build();
  }

  private <F extends Family> F family(
      String name, Class<F> type, java.util.function.Supplier<F> create) {
    Family f = families.computeIfAbsent(name, n -> create.get());
    if (!type.isInstance(f)) {
      throw new IllegalArgumentException(
          "metric "
              + name
              + " reported as two types: "
              + f.getClass().getSimpleName()
              + ", "
              + type.getSimpleName());
    }
    return type.cast(f);
  }
}
