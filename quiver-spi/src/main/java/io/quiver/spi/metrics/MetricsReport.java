package io.quiver.spi.metrics;

/**
 * Where metrics are written when they are read (a Prometheus scrape): one call per sample.
 *
 * <p>Names follow Prometheus' conventions: {@code quiver_} prefix, base units ({@code _seconds},
 * {@code _bytes}), snake case. A counter's name is given without its {@code _total} suffix (the
 * exposition adds it). Labels are name/value pairs, e.g. {@code "code", "1000"}; every sample of
 * one name has the same label names, and the {@code help} text of a name is the same everywhere.
 *
 * <p>Called on the scraping thread, never on an event loop's per-event path: implementations may
 * allocate. Those who write into a report read their counters as they are (each one atomically, not
 * all at once).
 */
public interface MetricsReport {

  /** A monotonic count, e.g. {@code counter("quiver_ws_reconnects", "...", 3)}. */
  void counter(String name, String help, long value, String... labels);

  /** A value that goes up and down, e.g. connections open now or a queue's depth. */
  void gauge(String name, String help, double value, String... labels);

  /**
   * A histogram of durations in seconds.
   *
   * @param histogram read now (its buckets are cumulated on the way out)
   */
  void histogram(String name, String help, LatencyHistogram.Snapshot histogram, String... labels);

  /**
   * A report that writes into this one with {@code labels} before each sample's own (e.g. the
   * onramp instance every metric of a source belongs to).
   */
  default MetricsReport withLabels(String... labels) {
    if (labels.length == 0) {
      return this;
    }
    MetricsReport target = this;
    return new MetricsReport() {
      @Override
      public void counter(String name, String help, long value, String... own) {
        target.counter(name, help, value, concat(labels, own));
      }

      @Override
      public void gauge(String name, String help, double value, String... own) {
        target.gauge(name, help, value, concat(labels, own));
      }

      @Override
      public void histogram(
          String name, String help, LatencyHistogram.Snapshot histogram, String... own) {
        target.histogram(name, help, histogram, concat(labels, own));
      }
    };
  }

  private static String[] concat(String[] first, String[] second) {
    if (second.length == 0) {
      return first;
    }
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  /** Something that has metrics to report, e.g. a source or a sink. */
  interface Reporter {
    /** Writes this thing's metrics into {@code report}; called on the scraping thread. */
    void reportMetrics(MetricsReport report);
  }
}
