package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code #!config metrics_interval_s}: which nodes and ports are counted (as Tremor 0.11's
 * optimised graph counts them), when a report goes out and what it looks like. Time is the events'
 * ingest time, so the tests choose it.
 */
class PipelineMetricsTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_600_000_000L * S;
  private static final String URL = "tremor://localhost/pipeline/p/1";

  /** What a pipeline sent out of each port, metrics as JSON lines. */
  private static final class Outputs {
    final List<String> metrics = new ArrayList<>();
    final List<String> ports = new ArrayList<>();

    Emitter emitter() {
      return (port, event) -> {
        ports.add(port);
        if (port.equals("metrics")) {
          metrics.add(Json.write(event.data()));
        }
      };
    }
  }

  private static Pipeline pipeline(String query) throws Exception {
    return PipelineCompiler.compile(query, "p.trickle", "p").instantiate(URL);
  }

  private static Event at(long ns, String json) throws Exception {
    return new Event(new EventId(1, 0, 0), ns, Json.parse(json), Value.EMPTY_OBJECT, 0);
  }

  private static String events(String node, String direction, String port, long count, long ns) {
    return "{\"measurement\":\"events\",\"tags\":{\"pipeline\":\""
        + URL
        + "\",\"node\":\""
        + node
        + "\",\"direction\":\""
        + direction
        + "\",\"port\":\""
        + port
        + "\"},\"fields\":{\"count\":"
        + count
        + "},\"timestamp\":"
        + ns
        + "}";
  }

  @Test
  void scriptPipelineReportsWhatTremorCountsOnTheFirstEventAfterTheInterval() throws Exception {
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 3
            define script work
            script
              let event.seen = true;
              event
            end;
            create script work;
            select event from in into work;
            select event from work/out into out;
            select event from work/err into err;
            """);
    Outputs out = new Outputs();
    // a metronome a little slower than 1/s, as a real one is
    for (int i = 0; i < 8; i++) {
      p.onEvent("in", at(T0 + i * (S + 1_000_000), "{\"id\":" + i + "}"), out.emitter());
    }
    long third = T0 + 3 * (S + 1_000_000);
    long sixth = T0 + 6 * (S + 1_000_000);
    // the first event reports (the interval has passed since 0), but nothing was counted yet;
    // the passthrough selects and the input are cut out: only `out` and the script count
    assertThat(out.metrics)
        .containsExactly(
            events("out", "input", "in", 3, third),
            events("work", "output", "out", 3, third),
            events("out", "input", "in", 6, sixth),
            events("work", "output", "out", 6, sixth));
  }

  @Test
  void aReportGoesOutBeforeTheEventThatTriggersIt() throws Exception {
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 1
            select event from in where event.ok into out;
            """);
    Outputs out = new Outputs();
    p.onEvent("in", at(T0, "{\"ok\":true}"), out.emitter());
    p.onEvent("in", at(T0 + 2 * S, "{\"ok\":false}"), out.emitter());
    p.onEvent("in", at(T0 + 4 * S, "{\"ok\":true}"), out.emitter());

    assertThat(out.ports).containsExactly("out", "metrics", "metrics", "metrics", "metrics", "out");
    // the filtering select is where `in` enters (no input count), the output counts what passed
    assertThat(out.metrics)
        .containsExactly(
            events("out", "input", "in", 1, T0 + 2 * S),
            events("select_0", "output", "out", 1, T0 + 2 * S),
            events("out", "input", "in", 1, T0 + 4 * S),
            events("select_0", "output", "out", 1, T0 + 4 * S));
  }

  @Test
  void theIntervalMustBeExceededNotJustReached() throws Exception {
    GraphPipeline p =
        (GraphPipeline)
            pipeline("#!config metrics_interval_s = 2\nselect event from in where true into out;");
    p.onEvent("in", at(T0, "1"), (port, e) -> {});

    assertThat(p.metrics().due(T0 + 2 * S)).isFalse();
    assertThat(p.metrics().due(T0 + 2 * S + 1)).isTrue();
  }

  @Test
  void aBareSelectCountsNothingAsTremorSkipsItsWholeGraph() throws Exception {
    Pipeline p = pipeline("#!config metrics_interval_s = 0\nselect event from in into out;");
    Outputs out = new Outputs();
    for (int i = 0; i < 3; i++) {
      p.onEvent("in", at(T0 + i, "1"), out.emitter());
    }
    assertThat(out.metrics).isEmpty();
    assertThat(out.ports).containsExactly("out", "out", "out");
  }

  @Test
  void anInputFeedingTwoSelectsRunsAndCountsItsOutput() throws Exception {
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 0
            select event from in into out;
            select event from in into err;
            """);
    Outputs out = new Outputs();
    p.onEvent("in", at(T0, "1"), out.emitter());
    p.onEvent("in", at(T0 + 1, "2"), out.emitter());

    assertThat(out.metrics)
        .containsExactly(
            events("in", "output", "out", 1, T0 + 1),
            events("out", "input", "in", 1, T0 + 1),
            events("err", "input", "in", 1, T0 + 1));
  }

  @Test
  void streamsAndPassThroughSelectsAreCutOutRoundByRoundAsTremorDoes() throws Exception {
    // Tremor: round 1 moves `in` onto select_0 and cuts the stream and select_0 out of the links;
    // round 2 moves `in` onto select_1, which filters, so it runs uncounted on the way in
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 0
            create stream s;
            select event from in into s;
            select event from s where true into out;
            """);
    Outputs out = new Outputs();
    p.onEvent("in", at(T0, "1"), out.emitter());
    p.onEvent("in", at(T0 + 1, "2"), out.emitter());

    assertThat(out.metrics)
        .containsExactly(
            events("out", "input", "in", 1, T0 + 1),
            events("select_1", "output", "out", 1, T0 + 1));
  }

  @Test
  void scriptPortsAndOutPortsAreNamedAsTremorNamesThem() throws Exception {
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 0
            define script route
            script
              emit event => "left"
            end;
            create script route;
            select event from in into route;
            select event from route/left into out/left;
            """);
    Outputs out = new Outputs();
    p.onEvent("in", at(T0, "1"), out.emitter());
    p.onEvent("in", at(T0 + 1, "2"), out.emitter());

    // Tremor makes the out/left node with its select, before the select node
    assertThat(out.metrics)
        .containsExactly(
            events("route", "output", "left", 1, T0 + 1),
            events("out/left", "input", "left", 1, T0 + 1));
  }

  @Test
  void bucketingMetricsCarryTheTagsTremorLeavesInPlace() throws Exception {
    Pipeline p =
        pipeline(
            """
            #!config metrics_interval_s = 0
            define grouper::bucket operator bucket;
            create operator bucket;
            select event from in into bucket;
            select event from bucket into out;
            """);
    Outputs out = new Outputs();
    Value meta = Json.parse("{\"class\":\"c\",\"rate\":1}");
    for (int i = 0; i < 3; i++) {
      p.onEvent("in", new Event(new EventId(1, 0, i), T0 + i, Value.of(i), meta, 0), out.emitter());
    }
    // interval 0: a report on every event after the first; the third's: one passed, one
    // overflowed. The bucket is node 4, after out, so its tags keep out's direction and port
    assertThat(out.metrics).hasSize(4 + 5);
    assertThat(out.metrics.subList(4, 9))
        .containsExactly(
            events("out", "input", "in", 1, T0 + 2),
            "{\"measurement\":\"bucketing\",\"tags\":{\"pipeline\":\""
                + URL
                + "\",\"node\":\"bucket\",\"direction\":\"output\",\"port\":\"in\",\"class\":\"c\","
                + "\"action\":\"pass\"},\"fields\":{\"count\":1},\"timestamp\":"
                + (T0 + 2)
                + "}",
            "{\"measurement\":\"bucketing\",\"tags\":{\"pipeline\":\""
                + URL
                + "\",\"node\":\"bucket\",\"direction\":\"output\",\"port\":\"in\",\"class\":\"c\","
                + "\"action\":\"overflow\"},\"fields\":{\"count\":1},\"timestamp\":"
                + (T0 + 2)
                + "}",
            events("bucket", "output", "out", 1, T0 + 2),
            events("bucket", "output", "overflow", 1, T0 + 2));
  }

  @Test
  void withoutTheDirectiveThereIsNoReport() throws Exception {
    GraphPipeline p = (GraphPipeline) pipeline("select event from in where true into out;");
    Outputs out = new Outputs();
    p.onEvent("in", at(T0, "1"), out.emitter());

    assertThat(p.metrics()).isNull();
    assertThat(out.ports).containsExactly("out");
  }

  @Test
  void aNegativeOrNonIntegerIntervalIsIgnoredAsTremorIgnoresIt() throws Exception {
    assertThat(
            ((GraphPipeline)
                    pipeline("#!config metrics_interval_s = -1\nselect event from in into out;"))
                .metrics())
        .isNull();
    assertThat(
            ((GraphPipeline)
                    pipeline("#!config metrics_interval_s = \"3\"\nselect event from in into out;"))
                .metrics())
        .isNull();
  }
}
