package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.spi.metrics.LatencyHistogram;
import io.quiver.spi.metrics.MetricsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running world reports of its instances ({@link World#reportMetrics}). */
class WorldMetricsTest {
  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  /** Samples as {@code name{label=value,...}} (labels in the order given) to their values. */
  private static final class Recorded implements MetricsReport {
    final Map<String, Double> samples = new TreeMap<>();
    final Map<String, LatencyHistogram.Snapshot> histograms = new TreeMap<>();

    @Override
    public void counter(String name, String help, long value, String... labels) {
      assertThat(help).isNotBlank();
      samples.put(key(name, labels), (double) value);
    }

    @Override
    public void gauge(String name, String help, double value, String... labels) {
      assertThat(help).isNotBlank();
      samples.put(key(name, labels), value);
    }

    @Override
    public void histogram(
        String name, String help, LatencyHistogram.Snapshot histogram, String... labels) {
      histograms.put(key(name, labels), histogram);
    }

    static String key(String name, String... labels) {
      StringBuilder k = new StringBuilder(name).append('{');
      for (int i = 0; i < labels.length; i += 2) {
        k.append(i == 0 ? "" : ",").append(labels[i]).append('=').append(labels[i + 1]);
      }
      return k.append('}').toString();
    }
  }

  private World start(String trickle, String config) throws Exception {
    Path p = Files.writeString(tmp.resolve("work.trickle"), trickle);
    Path c = Files.writeString(tmp.resolve("config.yaml"), config);
    world = World.load(List.of(p, c), Registry.load());
    world.start();
    return world;
  }

  private static final String CONFIG =
      """
      onramp:
        - id: in
          type: memory
          codec: json
      offramp:
        - id: out
          type: memory
          config:
            overflow_on: boom
      binding:
        - id: main
          links:
            "/onramp/in/{i}/out": ["/pipeline/work/{i}/in"]
            "/onramp/in/{i}/err": ["/pipeline/work/{i}/in"]
            "/pipeline/work/{i}/out": ["/offramp/out/{i}/in"]
            "/pipeline/work/{i}/err": ["/offramp/out/{i}/in"]
      mapping:
        /binding/main/01:
          i: "01"
      """;

  @Test
  void eventsAreCountedPerInstanceAndPortAsTheyPass() throws Exception {
    start(
        """
        select event from in where event != "drop" into out;
        """,
        CONFIG);
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    long stream = source.connect();
    for (int i = 0; i < 5; i++) {
      source.send(stream, "{\"n\":" + i + "}");
    }
    source.send(stream, "\"drop\"");
    source.send(stream, "{not json");
    source.send(stream, "\"boom\""); // the sink throws on it
    Recorded r = new Recorded();

    world.reportMetrics(r);

    String onramp = "kind=onramp,artefact=in,instance=01";
    String pipeline = "kind=pipeline,artefact=work,instance=01";
    String offramp = "kind=offramp,artefact=out,instance=01";
    assertThat(r.samples)
        .containsEntry("quiver_events_sent{" + onramp + ",port=out}", 7.0)
        .containsEntry("quiver_events_sent{" + onramp + ",port=err}", 1.0)
        .containsEntry("quiver_onramp_streams{" + onramp + "}", 1.0)
        .containsEntry("quiver_events_received{" + pipeline + ",port=in}", 8.0)
        .containsEntry("quiver_events_sent{" + pipeline + ",port=out}", 7.0)
        // the event the sink threw on died in the pipeline that sent it too
        .containsEntry("quiver_pipeline_errors{" + pipeline + "}", 1.0)
        .containsEntry("quiver_pipeline_queue_depth{" + pipeline + "}", 0.0)
        .containsEntry("quiver_events_received{" + offramp + ",port=in}", 7.0)
        .containsEntry("quiver_offramp_errors{" + offramp + "}", 1.0)
        .doesNotContainKey("quiver_events_received{" + onramp + ",port=in}"); // not linked
    assertThat(r.histograms.get("quiver_pipeline_latency_seconds{" + pipeline + "}").count())
        .as("the first event and every 16th after it are timed")
        .isEqualTo(1);

    source.disconnect(stream);
    Recorded after = new Recorded();
    world.reportMetrics(after);
    assertThat(after.samples).containsEntry("quiver_onramp_streams{" + onramp + "}", 0.0);
  }

  @Test
  void errorsThePipelineDoesNotHandleAreCounted() throws Exception {
    start(
        """
        define script fail
        script
          let event.x = event.missing.field;
          event
        end;
        create script fail;
        select event from in into fail;
        select event from fail into out;
        """,
        CONFIG);
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    long stream = source.connect();
    source.send(stream, "{}");
    source.send(stream, "{}");
    Recorded r = new Recorded();

    world.reportMetrics(r);

    assertThat(r.samples)
        .containsEntry("quiver_pipeline_errors{kind=pipeline,artefact=work,instance=01}", 2.0)
        .containsEntry(
            "quiver_events_received{kind=offramp,artefact=out,instance=01,port=in}", 0.0);
  }

  @Test
  void aLinkedOnrampCountsTheRepliesItReceives() throws Exception {
    start(
        "select event from in into out;\n",
        """
        onramp:
          - id: in
            type: memory
            linked: true
        offramp:
          - id: echo
            type: memory
            linked: true
            config:
              echo: true
        binding:
          - id: main
            links:
              "/onramp/in/{i}/out": ["/pipeline/work/{i}/in"]
              "/pipeline/work/{i}/out": ["/offramp/echo/{i}/in"]
              "/offramp/echo/{i}/out": ["/pipeline/system::passthrough/{i}/in"]
              "/pipeline/system::passthrough/{i}/out": ["/onramp/in/{i}/in"]
        mapping:
          /binding/main/01:
            i: "01"
        """);
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    long stream = source.connect();
    source.send(stream, "a");
    source.send(stream, "b");
    Recorded r = new Recorded();

    world.reportMetrics(r);

    assertThat(r.samples)
        .containsEntry("quiver_events_received{kind=onramp,artefact=in,instance=01,port=in}", 2.0)
        .containsEntry("quiver_events_sent{kind=offramp,artefact=echo,instance=01,port=out}", 2.0)
        .containsEntry(
            "quiver_events_received{kind=pipeline,artefact=system::passthrough,instance=01,port=in}",
            2.0);
  }

  @Test
  void aConnectorsOwnMetricsCarryItsInstanceAndOneThatFailsToReportLosesOnlyItsOwn()
      throws Exception {
    start(
        "select event from in into out;\n",
        """
        onramp:
          - id: good
            type: reporting
          - id: bad
            type: reporting
            config:
              fail: true
        offramp:
          - id: out
            type: memory
        binding:
          - id: main
            links:
              "/onramp/good/{i}/out": ["/pipeline/work/{i}/in"]
              "/onramp/bad/{i}/out": ["/pipeline/work/{i}/in"]
              "/pipeline/work/{i}/out": ["/offramp/out/{i}/in"]
        mapping:
          /binding/main/01:
            i: "01"
        """);
    Recorded r = new Recorded();

    world.reportMetrics(r);

    assertThat(r.samples)
        .containsEntry("quiver_test_level{kind=onramp,artefact=good,instance=01}", 7.0)
        .doesNotContainKey("quiver_test_level{kind=onramp,artefact=bad,instance=01}")
        .containsEntry("quiver_onramp_streams{kind=onramp,artefact=bad,instance=01}", 0.0)
        .containsKey("quiver_events_received{kind=offramp,artefact=out,instance=01,port=in}");
  }
}
