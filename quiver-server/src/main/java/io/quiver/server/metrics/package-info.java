/**
 * Prometheus metrics of a running server: {@link io.quiver.server.metrics.MetricsScrape} renders a
 * {@link io.quiver.spi.metrics.MetricsReport.Reporter} (a running {@link
 * io.quiver.runtime.world.World}: events per instance and port, errors, pipeline queue depths and
 * latencies, connections, reconnects, reply timeouts...) and the JVM's memory, GC and threads in
 * the Prometheus text format 0.0.4, for {@code GET /metrics}.
 *
 * <p>Built on the Prometheus Java client's model, text exposition and JVM instrumentation
 * (io.prometheus:prometheus-metrics-*): the counters stay plain {@link
 * java.util.concurrent.atomic.LongAdder} fields where they are counted and are read only when
 * scraped ({@link io.quiver.server.metrics.SnapshotReport}), so the per-event path never touches
 * the library. The metric list: docs/operations.md, "Metrics".
 */
package io.quiver.server.metrics;
