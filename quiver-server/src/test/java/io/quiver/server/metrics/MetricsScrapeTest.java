package io.quiver.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.metrics.LatencyHistogram;
import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

  @Test
  void countersGaugesAndHistogramsAreWrittenInTheTextFormat() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(1_500); // <= 2.5 µs
    h.recordNanos(30_000_000); // <= 50 ms
    MetricsScrape scrape =
        MetricsScrape.withoutJvm(
            r -> {
              r.counter("quiver_things", "Things counted", 3, "artefact", "a", "port", "out");
              r.counter(
                  "quiver_things", "Things counted", 4, "artefact", "a\"b\\c\nd", "port", "err");
              r.gauge("quiver_level", "A level", 2.5);
              r.histogram("quiver_took_seconds", "Time taken", h.snapshot(), "artefact", "p");
            });

    String text = scrape.scrapeText();

    assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text)
        .contains("# HELP quiver_things_total Things counted\n")
        .contains("# TYPE quiver_things_total counter\n")
        .contains("quiver_things_total{artefact=\"a\",port=\"out\"} 3.0\n")
        .contains("quiver_things_total{artefact=\"a\\\"b\\\\c\\nd\",port=\"err\"} 4.0\n")
        .contains("# TYPE quiver_level gauge\nquiver_level 2.5\n")
        .contains("# TYPE quiver_took_seconds histogram\n")
        .contains("quiver_took_seconds_bucket{artefact=\"p\",le=\"1.0E-6\"} 0\n")
        .contains("quiver_took_seconds_bucket{artefact=\"p\",le=\"2.5E-6\"} 1\n")
        .contains("quiver_took_seconds_bucket{artefact=\"p\",le=\"0.025\"} 1\n")
        .contains("quiver_took_seconds_bucket{artefact=\"p\",le=\"0.05\"} 2\n")
        .contains("quiver_took_seconds_bucket{artefact=\"p\",le=\"+Inf\"} 2\n")
        .contains("quiver_took_seconds_count{artefact=\"p\"} 2\n")
        .contains("quiver_took_seconds_sum{artefact=\"p\"} 0.0300015\n");
  }

  @Test
  void theJvmsMetricsComeWithTheReportersOwn() {
    String text = MetricsScrape.of(r -> r.gauge("quiver_level", "A level", 1)).scrapeText();

    assertThat(text)
        .contains("quiver_level 1.0")
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("# TYPE jvm_threads_current gauge")
        .contains("jvm_gc_collection_seconds");
  }

  @Test
  void aNameReportedAsTwoTypesIsRefused() {
    MetricsScrape scrape =
        MetricsScrape.withoutJvm(
            r -> {
              r.counter("quiver_x", "x", 1);
              r.gauge("quiver_x", "x", 1);
            });

    assertThatThrownBy(scrape::scrapeText)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric quiver_x reported as two types: Counters, Gauges");
  }
}
