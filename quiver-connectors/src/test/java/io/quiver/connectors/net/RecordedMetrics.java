package io.quiver.connectors.net;

import io.quiver.spi.metrics.LatencyHistogram;
import io.quiver.spi.metrics.MetricsReport;
import java.util.Map;
import java.util.TreeMap;

/** A {@link MetricsReport} for tests: samples as {@code name{a=b,c=d}} to their values. */
public final class RecordedMetrics implements MetricsReport {
  public final Map<String, Double> samples = new TreeMap<>();

  @Override
  public void counter(String name, String help, long value, String... labels) {
    put(name, help, value, labels);
  }

  @Override
  public void gauge(String name, String help, double value, String... labels) {
    put(name, help, value, labels);
  }

  @Override
  public void histogram(
      String name, String help, LatencyHistogram.Snapshot histogram, String... labels) {
    put(name + "_count", help, histogram.count(), labels);
  }

  private void put(String name, String help, double value, String... labels) {
    if (help == null || help.isBlank()) {
      throw new AssertionError(name + " has no help text");
    }
    StringBuilder k = new StringBuilder(name).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      k.append(i == 0 ? "" : ",").append(labels[i]).append('=').append(labels[i + 1]);
    }
    if (samples.put(k.append('}').toString(), value) != null) {
      throw new AssertionError("reported twice: " + k);
    }
  }
}
