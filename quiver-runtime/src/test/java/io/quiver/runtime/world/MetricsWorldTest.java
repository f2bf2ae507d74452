package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics in a running world: ramps with {@code metrics_interval_s} and pipelines with {@code
 * #!config metrics_interval_s} report into {@code system::metrics}, from where a binding takes them
 * like any other events. The memory source runs everything inline on the test's thread, so what was
 * reported is there when {@code send} returns.
 */
class MetricsWorldTest {
  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private static final String CONFIG =
      """
      onramp:
        - id: in
          type: memory
          %1$s
      offramp:
        - id: out
          type: memory
          %1$s
        - id: collected
          type: memory
      binding:
        - id: main
          links:
            "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
            "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
            "/pipeline/system::metrics/system/out": ["/pipeline/collect/{instance}/in"]
            "/pipeline/collect/{instance}/out": ["/offramp/collected/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  private World load(boolean metrics) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "work.trickle",
        (metrics ? "#!config metrics_interval_s = 0\n" : "")
            + "select event from in where event != \"drop\" into out;\n");
    files.put("collect.trickle", "select event from in into out;\n");
    files.put("config.yaml", CONFIG.formatted(metrics ? "metrics_interval_s: 0" : ""));
    List<Path> paths = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = tmp.resolve(f.getKey());
      Files.writeString(p, f.getValue());
      paths.add(p);
    }
    return World.load(paths, Registry.load());
  }

  /** The collected metrics as JSON lines, timestamps replaced by the event number they came on. */
  private static List<String> lines(List<Event> metrics, List<Long> ingest) {
    List<String> lines = new ArrayList<>();
    for (Event e : metrics) {
      Value.Obj o = (Value.Obj) e.data();
      long ts = ((Value.Int) o.get("timestamp")).value();
      assertThat(e.ingestNs()).isEqualTo(ts);
      String json = Json.write(o);
      lines.add(
          json.replace(
              "\"timestamp\":" + ts, "\"timestamp\":\"event " + ingest.indexOf(ts) + "\""));
    }
    return lines;
  }

  private static String ramp(String url, String port, long count, int event) {
    return "{\"measurement\":\"ramp_events\",\"tags\":{\"ramp\":\""
        + url
        + "\",\"port\":\""
        + port
        + "\"},\"fields\":{\"count\":"
        + count
        + "},\"timestamp\":\"event "
        + event
        + "\"}";
  }

  private static String node(String node, String direction, long count, int event) {
    return "{\"measurement\":\"events\",\"tags\":{\"pipeline\":\"tremor://localhost/pipeline/work/01\","
        + "\"node\":\""
        + node
        + "\",\"direction\":\""
        + direction
        + "\",\"port\":\""
        + (direction.equals("input") ? "in" : "out")
        + "\"},\"fields\":{\"count\":"
        + count
        + "},\"timestamp\":\"event "
        + event
        + "\"}";
  }

  @Test
  void rampsAndPipelinesReportIntoSystemMetricsInTheOrderTheEventPassesThem() throws Exception {
    world = load(true);
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink out = (MemorySink) world.sink("/offramp/out/01");
    MemorySink collected = (MemorySink) world.sink("/offramp/collected/01");
    long stream = source.connect();

    source.send(stream, "a");
    source.send(stream, "drop");
    source.send(stream, "b");

    List<Long> ingest = new ArrayList<>();
    List<Event> data = new ArrayList<>();
    out.events.drainTo(data);
    assertThat(data).extracting(Event::data).containsExactly(Value.of("a"), Value.of("b"));
    // the onramp stamped the three events; "drop" never reached the offramp
    ingest.add(data.get(0).ingestNs());
    List<Event> metrics = new ArrayList<>();
    collected.events.drainTo(metrics);
    ingest.add(((Value.Int) ((Value.Obj) metrics.get(6).data()).get("timestamp")).value());
    ingest.add(data.get(1).ingestNs());

    String on = "tremor://localhost/onramp/in/01/out";
    String off = "tremor://localhost/offramp/out/01/in";
    assertThat(lines(metrics, ingest))
        .containsExactly(
            // event 0: the onramp's first report, the pipeline's (empty), the offramp's
            ramp(on, "in", 0, 0),
            ramp(on, "out", 0, 0),
            ramp(on, "error", 0, 0),
            ramp(off, "in", 0, 0),
            ramp(off, "out", 0, 0),
            ramp(off, "error", 0, 0),
            // event 1 ("drop"): the onramp, then the pipeline, which filters it
            ramp(on, "in", 0, 1),
            ramp(on, "out", 1, 1),
            ramp(on, "error", 0, 1),
            node("out", "input", 1, 1),
            node("select_0", "output", 1, 1),
            // event 2: all three
            ramp(on, "in", 0, 2),
            ramp(on, "out", 2, 2),
            ramp(on, "error", 0, 2),
            node("out", "input", 1, 2),
            node("select_0", "output", 1, 2),
            ramp(off, "in", 1, 2),
            ramp(off, "out", 1, 2),
            ramp(off, "error", 0, 2));
  }

  /**
   * Tremor's avoid_cycle_via_system_metrics: what flows back from a sink fed by {@code
   * system::metrics} (acks, fails, circuit changes) never reaches the ramps and pipelines that
   * report into it, only their own events' sinks do.
   */
  @Test
  void contraflowFromWhereMetricsGoNeverReachesTheReporters() throws Exception {
    Path work =
        Files.writeString(
            tmp.resolve("work.trickle"),
            "#!config metrics_interval_s = 0\nselect event from in into out;\n");
    Path collect =
        Files.writeString(tmp.resolve("collect.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
            onramp:
              - id: in
                type: memory
                metrics_interval_s: 0
                config:
                  transactional: true
            offramp:
              - id: out
                type: memory
                metrics_interval_s: 0
              - id: collected
                type: memory
                config:
                  auto_ack: false
            binding:
              - id: main
                links:
                  "/onramp/in/{i}/out": ["/pipeline/work/{i}/in"]
                  "/pipeline/work/{i}/out": ["/offramp/out/{i}/in"]
                  "/pipeline/system::metrics/system/out": ["/pipeline/collect/{i}/in"]
                  "/pipeline/collect/{i}/out": ["/offramp/collected/{i}/in"]
            mapping:
              /binding/main/01:
                i: "01"
            """);
    world = World.load(List.of(work, collect, config), Registry.load());
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink out = (MemorySink) world.sink("/offramp/out/01");
    MemorySink collected = (MemorySink) world.sink("/offramp/collected/01");
    long stream = source.connect();
    source.send(stream, "a");
    source.send(stream, "b");
    List<String> acks = new ArrayList<>();
    source.contraflow.drainTo(acks); // the auto-acking `out` acked a and b
    assertThat(acks).containsExactly("ack 1:0:0", "ack 1:0:1");
    assertThat(collected.events).isNotEmpty();

    collected.breakCircuit();
    for (Event metric : collected.events) {
      collected.fail(metric);
    }
    assertThat(source.contraflow).isEmpty();
    assertThat(source.flow).isEmpty();

    out.breakCircuit(); // while the sink of its own events reaches it
    assertThat(source.contraflow).containsExactly("circuit broken");
  }

  @Test
  void withoutIntervalsNothingReaches() throws Exception {
    world = load(false);
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink out = (MemorySink) world.sink("/offramp/out/01");
    MemorySink collected = (MemorySink) world.sink("/offramp/collected/01");
    long stream = source.connect();

    source.send(stream, "a");
    source.send(stream, "b");

    assertThat(out.events).hasSize(2);
    assertThat(collected.events).isEmpty();
  }
}
