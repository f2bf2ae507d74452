package io.quiver.spi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsReportTest {

  private static final class Lines implements MetricsReport {
    final List<String> lines = new ArrayList<>();

    @Override
    public void counter(String name, String help, long value, String... labels) {
      lines.add("counter " + name + " " + String.join(",", labels) + " " + value);
    }

    @Override
    public void gauge(String name, String help, double value, String... labels) {
      lines.add("gauge " + name + " " + String.join(",", labels) + " " + value);
    }

    @Override
    public void histogram(
        String name, String help, LatencyHistogram.Snapshot histogram, String... labels) {
      lines.add("histogram " + name + " " + String.join(",", labels) + " " + histogram.count());
    }
  }

  @Test
  void withLabelsPutsItsLabelsBeforeEachSamplesOwn() {
    Lines lines = new Lines();
    MetricsReport r = lines.withLabels("kind", "onramp", "artefact", "ws");

    r.counter("quiver_a", "a", 3, "code", "1000");
    r.gauge("quiver_b", "b", 1.5);
    r.histogram("quiver_c_seconds", "c", new LatencyHistogram().snapshot(), "x", "y");
    r.withLabels("instance", "01").counter("quiver_d", "d", 1);

    assertThat(lines.lines)
        .containsExactly(
            "counter quiver_a kind,onramp,artefact,ws,code,1000 3",
            "gauge quiver_b kind,onramp,artefact,ws 1.5",
            "histogram quiver_c_seconds kind,onramp,artefact,ws,x,y 0",
            "counter quiver_d kind,onramp,artefact,ws,instance,01 1");
  }

  @Test
  void withoutLabelsItIsTheSameReport() {
    Lines lines = new Lines();

    assertThat(lines.withLabels()).isSameAs(lines);
  }
}
