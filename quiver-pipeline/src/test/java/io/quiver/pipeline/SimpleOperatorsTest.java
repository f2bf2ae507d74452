package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** passthrough, generic::counter, debug::history and grouper::bucket on their own. */
class SimpleOperatorsTest {
  static final long MS = 1_000_000L;

  static Event event(long n, long ingestNs, String data, String meta) throws Exception {
    return new Event(new EventId(1, 0, n), ingestNs, Json.parse(data), Json.parse(meta), 0);
  }

  static Operator create(OperatorKind kind, Map<String, Value> config) {
    var v = kind.configSpec().validate(Value.obj(new java.util.LinkedHashMap<>(config)));
    assertThat(v.problems()).isEmpty();
    return kind.settings("op", v.config()).create(1);
  }

  @Test
  void passthroughSendsTheSameEventOnOut() throws Exception {
    Operator op = create(PassthroughOperator.KIND, Map.of());
    RecordingOutput out = new RecordingOutput();
    Event e = event(1, 1, "{\"a\":1}", "{}");

    op.onEvent(e, out);

    assertThat(out.ports()).containsExactly("out");
    assertThat(out.events.get(0).event()).isSameAs(e);
  }

  @Test
  void counterCountsPerInstanceFromOne() throws Exception {
    Operator first = create(CounterOperator.KIND, Map.of());
    Operator second = create(CounterOperator.KIND, Map.of());
    RecordingOutput out = new RecordingOutput();

    first.onEvent(event(1, 1, "\"a\"", "{}"), out);
    first.onEvent(event(2, 2, "\"b\"", "{}"), out);
    second.onEvent(event(3, 3, "\"c\"", "{}"), out);

    assertThat(out.events.stream().map(x -> Json.write(x.event().data())))
        .containsExactly(
            "{\"count\":1,\"event\":\"a\"}",
            "{\"count\":2,\"event\":\"b\"}",
            "{\"count\":1,\"event\":\"c\"}");
    assertThat(out.ports()).containsOnly("out");
  }

  @Test
  void historyAppendsToTheMetaArrayOrCreatesIt() throws Exception {
    Operator op =
        create(HistoryOperator.KIND, Map.of("op", Value.of("step"), "name", Value.of("trail")));
    RecordingOutput out = new RecordingOutput();

    op.onEvent(event(7, 1, "1", "{\"trail\":[\"before\"],\"k\":1}"), out);
    op.onEvent(event(8, 1, "1", "{}"), out);
    op.onEvent(event(9, 1, "1", "\"not an object\""), out);

    assertThat(out.events.stream().map(x -> Json.write(x.event().meta())))
        .containsExactly(
            "{\"trail\":[\"before\",\"evt: step(1:0:7)\"],\"k\":1}",
            "{\"trail\":[\"evt: step(1:0:8)\"]}",
            "{\"trail\":[\"evt: step(1:0:9)\"]}");
  }

  @Test
  void bucketLimitsEachClassAndDimensionToItsRate() throws Exception {
    Operator op = create(BucketOperator.KIND, Map.of());
    RecordingOutput out = new RecordingOutput();
    String a = "{\"class\":\"c\",\"rate\":2,\"dimensions\":\"a\"}";
    String b = "{\"class\":\"c\",\"rate\":1,\"dimensions\":\"b\"}";

    op.onEvent(event(1, 1, "1", a), out);
    op.onEvent(event(2, 2, "1", a), out);
    op.onEvent(event(3, 3, "1", a), out);
    op.onEvent(event(4, 4, "1", b), out);
    op.onEvent(event(5, 5, "1", b), out);

    assertThat(out.ports()).containsExactly("out", "out", "overflow", "out", "overflow");
  }

  @Test
  void bucketSendsEventsWithoutClassOrRateToErr() throws Exception {
    Operator op = create(BucketOperator.KIND, Map.of());
    RecordingOutput out = new RecordingOutput();

    op.onEvent(event(1, 1, "1", "{\"rate\":1}"), out);
    op.onEvent(event(2, 1, "1", "{\"class\":\"c\"}"), out);
    op.onEvent(event(3, 1, "1", "{\"class\":\"c\",\"rate\":-1}"), out);

    assertThat(out.ports()).containsExactly("err", "err", "err");
  }

  @Test
  void bucketForgetsTheLeastRecentlyUsedDimensionBeyondTheCardinality() throws Exception {
    Operator op = create(BucketOperator.KIND, Map.of());
    RecordingOutput out = new RecordingOutput();
    String meta = "{\"class\":\"c\",\"rate\":1,\"cardinality\":1,\"dimensions\":\"%s\"}";

    op.onEvent(event(1, 1, "1", meta.formatted("a")), out);
    op.onEvent(event(2, 1, "1", meta.formatted("b")), out); // evicts a
    op.onEvent(event(3, 1, "1", meta.formatted("a")), out); // a fresh window again

    assertThat(out.ports()).containsExactly("out", "out", "out");
  }
}
