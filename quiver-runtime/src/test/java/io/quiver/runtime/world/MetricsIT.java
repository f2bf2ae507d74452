package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running deployment with real time: a metronome onramp and an offramp with {@code
 * metrics_interval_s: 1}, a pipeline with {@code #!config metrics_interval_s = 1}, and {@code
 * system::metrics} taken by a binding like any pipeline. Checks the shapes of what arrives and that
 * the three reports triggered by one event count the same events.
 */
class MetricsIT {
  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  @Test
  void metronomeDeploymentReportsTremorShapedMetricsOncePerInterval() throws Exception {
    Path main =
        Files.writeString(
            tmp.resolve("main.trickle"),
            """
            #!config metrics_interval_s = 1
            define script stamp
            script
              let event.seen = true;
              event
            end;
            create script stamp;
            select event from in into stamp;
            select event from stamp into out;
            """);
    Path collect =
        Files.writeString(tmp.resolve("collect.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
            onramp:
              - id: tick
                type: metronome
                metrics_interval_s: 1
                config:
                  interval: 100
            offramp:
              - id: out
                type: memory
                metrics_interval_s: 1
              - id: metrics
                type: memory
            binding:
              - id: b
                links:
                  "/onramp/tick/{i}/out": ["/pipeline/main/{i}/in"]
                  "/pipeline/main/{i}/out": ["/offramp/out/{i}/in"]
                  "/pipeline/system::metrics/system/out": ["/pipeline/collect/{i}/in"]
                  "/pipeline/collect/{i}/out": ["/offramp/metrics/{i}/in"]
            mapping:
              /binding/b/01:
                i: "01"
            """);
    world = World.load(List.of(main, collect, config), Registry.load());
    world.start();
    MemorySink metrics = (MemorySink) world.sink("/offramp/metrics/01");

    // first event: onramp 3 + offramp 3 (the pipeline's first report is empty); then per second
    // 3 + 2 + 3 more
    Await.until("two reports of each", Duration.ofSeconds(20), () -> metrics.events.size() >= 14);
    world.stop();
    world = null;

    List<Event> got = new ArrayList<>(metrics.events);
    List<String> first = new ArrayList<>();
    for (Event e : got.subList(0, 6)) {
      first.add(Json.write(withoutTimestamp(e.data())));
    }
    assertThat(first)
        .containsExactly(
            ramp("onramp/tick/01/out", "in", 0),
            ramp("onramp/tick/01/out", "out", 0),
            ramp("onramp/tick/01/out", "error", 0),
            ramp("offramp/out/01/in", "in", 0),
            ramp("offramp/out/01/in", "out", 0),
            ramp("offramp/out/01/in", "error", 0));

    // the second round: all eight reports stamped with one event's ingest time, one count
    List<Event> second = got.subList(6, 14);
    long ts = timestamp(second.get(0));
    assertThat(second).allSatisfy(e -> assertThat(timestamp(e)).isEqualTo(ts));
    assertThat(ts - timestamp(got.get(0))).isGreaterThanOrEqualTo(1_000_000_000L);
    long n = count(second.get(1));
    assertThat(n).isPositive();
    List<String> shapes = new ArrayList<>();
    for (Event e : second) {
      shapes.add(Json.write(withoutTimestamp(e.data())));
    }
    assertThat(shapes)
        .containsExactly(
            ramp("onramp/tick/01/out", "in", 0),
            ramp("onramp/tick/01/out", "out", n),
            ramp("onramp/tick/01/out", "error", 0),
            node("out", "input", "in", n),
            node("stamp", "output", "out", n),
            ramp("offramp/out/01/in", "in", n),
            ramp("offramp/out/01/in", "out", n),
            ramp("offramp/out/01/in", "error", 0));
  }

  private static Value withoutTimestamp(Value v) {
    Value.Obj o = (Value.Obj) v;
    return Value.obj(
        "measurement", o.get("measurement"), "tags", o.get("tags"), "fields", o.get("fields"));
  }

  private static long timestamp(Event e) {
    return ((Value.Int) ((Value.Obj) e.data()).get("timestamp")).value();
  }

  private static long count(Event e) {
    Value.Obj fields = (Value.Obj) ((Value.Obj) e.data()).get("fields");
    return ((Value.Int) fields.get("count")).value();
  }

  private static String ramp(String path, String port, long count) {
    return "{\"measurement\":\"ramp_events\",\"tags\":{\"ramp\":\"tremor://localhost/"
        + path
        + "\",\"port\":\""
        + port
        + "\"},\"fields\":{\"count\":"
        + count
        + "}}";
  }

  private static String node(String node, String direction, String port, long count) {
    return "{\"measurement\":\"events\",\"tags\":{\"pipeline\":\"tremor://localhost/pipeline/main/01\","
        + "\"node\":\""
        + node
        + "\",\"direction\":\""
        + direction
        + "\",\"port\":\""
        + port
        + "\"},\"fields\":{\"count\":"
        + count
        + "}}";
  }
}
