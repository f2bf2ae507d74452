package io.quiver.server.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.quiver.spi.metrics.MetricsReport;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of {@code GET /metrics}: what a reporter (a running {@link
 * io.quiver.runtime.world.World}) counts, and the JVM's memory, GC, threads, classes, buffer pools
 * and process CPU, in the Prometheus text format 0.0.4.
 *
 * <p>How to mount it on an HTTP server: make one per process with {@link #of} (it registers the
 * JVM's collectors once, so keep it), then for every {@code GET /metrics} answer 200 with the
 * header {@code Content-Type: }{@link #contentType()} and the body {@link #writeTo} writes, e.g.
 *
 * <pre>{@code
 * MetricsScrape scrape = MetricsScrape.of(world);            // at start
 * ...
 * ByteArrayOutputStream body = new ByteArrayOutputStream();  // per request, off the event loop
 * scrape.writeTo(body);
 * respond(200, scrape.contentType(), body.toByteArray());
 * }</pre>
 *
 * <p>A scrape reads every counter once and allocates (tens of kilobytes for a small deployment):
 * run it on a worker thread, not on a Netty event loop that carries traffic. Safe from several
 * threads at once. When the set of running instances changes (artefacts published or unpublished at
 * run time), pass a reporter that reports the current ones, e.g. {@code MetricsScrape.of(report ->
 * currentWorld().reportMetrics(report))}.
 */
public final class MetricsScrape {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private MetricsScrape(MetricsReport.Reporter reporter, boolean jvm) {
    MultiCollector quiver =
        () -> {
          SnapshotReport report = new SnapshotReport();
          reporter.reportMetrics(report);
          return report.snapshots();
        };
    registry.register(quiver);
    if (jvm) {
      JvmMetrics.builder().register(registry);
    }
  }

  /** What {@code reporter} counts, and the JVM's metrics. */
  public static MetricsScrape of(MetricsReport.Reporter reporter) {
    return new MetricsScrape(reporter, true);
  }

  /** What {@code reporter} counts, without the JVM's metrics (tests). */
  static MetricsScrape withoutJvm(MetricsReport.Reporter reporter) {
    return new MetricsScrape(reporter, false);
  }

  /** {@code text/plain; version=0.0.4; charset=utf-8}: the header to answer with. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Reads every metric now and writes them to {@code out} (which it does not close). */
  public void writeTo(OutputStream out) throws IOException {
    MetricSnapshots snapshots = registry.scrape();
    writer.write(out, snapshots);
  }

  /** {@link #writeTo} as a string (tests, the CLI). */
  public String scrapeText() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
