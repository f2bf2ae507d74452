package io.quiver.connectors.kv;

import static io.quiver.connectors.kv.KvTestContext.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private final List<KvSink> sinks = new ArrayList<>();
  private long next;

  @AfterEach
  void stop() {
    sinks.forEach(KvSink::stop);
  }

  private KvSink start(KvTestContext context) throws Exception {
    KvSink sink = new KvSink(new KvSettings(tmp.resolve("data")));
    sink.start(context);
    sinks.add(sink);
    return sink;
  }

  /** A request as Tremor's kv-linked case makes it: its JSON text as {@code $correlation}. */
  private Event request(String command) {
    Value data = json(command);
    return KvTestContext.event(++next, data)
        .withMeta(Value.obj("correlation", Value.of(Json.write(data))));
  }

  /** A {@code generic::batch} of requests. */
  private Event batch(String... commands) {
    List<Value> entries = new ArrayList<>();
    for (String c : commands) {
      Event e = request(c);
      entries.add(Value.obj("data", Value.obj("value", e.data(), "meta", e.meta())));
    }
    return new Event(
        new EventId(1, 0, ++next),
        0,
        new Value.Arr(entries),
        Value.EMPTY_OBJECT,
        4,
        Transit.NONE.withBatch(true).withTransactional(true));
  }

  private static String take(KvTestContext context) throws InterruptedException {
    String line = context.emitted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(line).as("an answer within %s", WAIT).isNotNull();
    return line;
  }

  private static String out(String event, String op, String command) {
    return "out {\"event\":"
        + event
        + ",\"meta\":{\"kv\":{\"op\":\""
        + op
        + "\"},\"correlation\":"
        + Json.write(Value.of(Json.write(json(command))))
        + "}}";
  }

  @Test
  void answersEveryCommandInTremorsShapesAndOrder() throws Exception {
    KvTestContext context = new KvTestContext();
    KvSink sink = start(context);
    String[] commands = {
      "{\"get\": {\"key\": \"lamp\"}}",
      "{\"put\": {\"key\": \"lamp\", \"value\": \"on\"}}",
      "{\"get\": {\"key\": \"desk\"}}",
      "{\"scan\": {}}",
      "{\"scan\": {\"start\": \"lamp\"}}",
      "{\"scan\": {\"start\": \"desk\", \"stop\": \"desk\"}}",
      "{\"scan\": {\"end\": \"lamp\"}}",
      "{\"cas\": {\"key\": \"desk\", \"old\": \"pine\", \"new\": \"oak\"}}",
      "{\"cas\": {\"key\": \"desk\", \"old\": \"oak\", \"new\": \"pine\"}}",
      "{\"cas\": {\"key\": \"chair\", \"new\": [1, 2]}}",
      "{\"delete\": {\"key\": \"stool\", \"reason\": \"never there\"}}",
      "{\"delete\": {\"key\": \"desk\"}}",
      "{\"get\": {\"key\": \"desk\"}}",
      "{\"cas\": {\"key\": \"chair\", \"old\": [1, 2]}}",
      "{\"get\": {\"key\": \"chair\"}}",
    };
    sink.onEvent(request(commands[0]));
    sink.onEvent(request(commands[1]));
    sink.onEvent(
        batch(
            "{\"get\": {\"key\": \"lamp\"}, \"batch\": true}",
            "{\"put\": {\"key\": \"desk\", \"value\": \"oak\"}, \"batch\": true}"));
    for (int i = 2; i < commands.length; i++) {
      sink.onEvent(request(commands[i]));
    }
    String lamp = "\"bGFtcA==\"";
    String desk = "\"ZGVzaw==\"";
    String chair = "\"Y2hhaXI=\"";
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + lamp + ",\"value\":null}}", "get", commands[0]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + lamp + ",\"value\":null}}", "put", commands[1]));
    assertThat(take(context))
        .isEqualTo(
            out(
                "{\"ok\":{\"key\":" + lamp + ",\"value\":\"on\"}}",
                "get",
                "{\"get\": {\"key\": \"lamp\"}, \"batch\": true}"));
    assertThat(take(context))
        .isEqualTo(
            out(
                "{\"ok\":{\"key\":" + desk + ",\"value\":null}}",
                "put",
                "{\"put\": {\"key\": \"desk\", \"value\": \"oak\"}, \"batch\": true}"));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + desk + ",\"value\":\"oak\"}}", "get", commands[2]));
    String both =
        "{\"ok\":[{\"key\":"
            + desk
            + ",\"value\":\"oak\"},{\"key\":"
            + lamp
            + ",\"value\":\"on\"}]}";
    assertThat(take(context)).isEqualTo(out(both, "scan", commands[3]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":[{\"key\":" + lamp + ",\"value\":\"on\"}]}", "scan", commands[4]));
    assertThat(take(context)).isEqualTo(out(both, "scan", commands[5]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":[{\"key\":" + desk + ",\"value\":\"oak\"}]}", "scan", commands[6]));
    assertThat(take(context))
        .isEqualTo(
            out(
                "{\"key\":" + desk + ",\"error\":{\"current\":\"oak\",\"proposed\":\"oak\"}}",
                "cas",
                commands[7]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + desk + ",\"value\":null}}", "cas", commands[8]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + chair + ",\"value\":null}}", "cas", commands[9]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":\"c3Rvb2w=\",\"value\":null}}", "delete", commands[10]));
    assertThat(take(context))
        .isEqualTo(
            out("{\"ok\":{\"key\":" + desk + ",\"value\":\"pine\"}}", "delete", commands[11]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + desk + ",\"value\":null}}", "get", commands[12]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + chair + ",\"value\":null}}", "cas", commands[13]));
    assertThat(take(context))
        .isEqualTo(out("{\"ok\":{\"key\":" + chair + ",\"value\":null}}", "get", commands[14]));
    Await.until("the sink drained", WAIT, sink::drained);
    assertThat(context.emitted).isEmpty();
    assertThat(context.events).allSatisfy(e -> assertThat(e.stream()).isEqualTo(4));
    // one ack per event (the batch is one event), no fail
    assertThat(context.flow).hasSize(commands.length + 1).allMatch(s -> s.startsWith("ack "));
  }

  @Test
  void aCommandOfTheWrongShapeIsAnErrorOnErrAndTheStoreStaysUsable() throws Exception {
    KvTestContext context = new KvTestContext();
    KvSink sink = start(context);
    sink.onEvent(request("{\"put\": {\"key\": \"lamp\", \"value\": 1}}"));
    sink.onEvent(request("{\"garbage\": true}"));
    sink.onEvent(request("{\"put\": {\"key\": 12, \"value\": 2}}"));
    sink.onEvent(request("{\"put\": {\"key\": \"lamp\"}}"));
    sink.onEvent(request("{\"get\": {\"key\": \"lamp\"}}"));
    take(context);
    String bad = "{\"garbage\": true}";
    String text = "Invalid KV command: {\\\"garbage\\\": Static(Bool(true))}";
    assertThat(take(context))
        .isEqualTo(
            "err {\"event\":{\"key\":null,\"error\":\""
                + text
                + "\"},\"meta\":{\"kv\":{\"op\":null},\"error\":\""
                + text
                + "\",\"correlation\":"
                + Json.write(Value.of(Json.write(json(bad))))
                + "}}");
    assertThat(take(context))
        .startsWith(
            "err {\"event\":{\"key\":null,\"error\":\"Missing or invalid `key` field\"},"
                + "\"meta\":{\"kv\":{\"op\":null},\"error\":\"Missing or invalid `key` field\"");
    assertThat(take(context))
        .startsWith("err {\"event\":{\"key\":null,\"error\":\"Missing `value` field\"}");
    assertThat(take(context))
        .startsWith("out {\"event\":{\"ok\":{\"key\":\"bGFtcA==\",\"value\":1}}");
    Await.until("event 5 acked", WAIT, () -> context.flow.contains("ack 5"));
    assertThat(context.flow).contains("ack 1", "fail 2", "fail 3", "fail 4", "ack 5");
  }

  @Test
  void anEventWithoutCorrelationGetsNoneAndABatchAnswersEachEntry() throws Exception {
    KvTestContext context = new KvTestContext();
    KvSink sink = start(context);
    sink.onEvent(KvTestContext.event(1, json("{\"get\": {\"key\": \"a\"}}")));
    assertThat(take(context))
        .isEqualTo(
            "out {\"event\":{\"ok\":{\"key\":\"YQ==\",\"value\":null}},\"meta\":{\"kv\":{\"op\":\"get\"}}}");
    sink.onEvent(batch("{\"put\": {\"key\": \"a\", \"value\": 1}}", "{\"nothing\": 1}"));
    assertThat(take(context)).startsWith("out ");
    assertThat(take(context)).startsWith("err ");
    Await.until("the batch failed", WAIT, () -> context.flow.contains("fail " + next));
  }

  @Test
  void storedDataSurvivesARestart() throws Exception {
    KvTestContext first = new KvTestContext();
    KvSink sink = start(first);
    sink.onEvent(request("{\"put\": {\"key\": \"lamp\", \"value\": {\"on\": true, \"w\": 40}}}"));
    take(first);
    sink.stop();
    sinks.remove(sink);

    KvTestContext second = new KvTestContext();
    KvSink again = start(second);
    again.onEvent(request("{\"get\": {\"key\": \"lamp\"}}"));
    assertThat(take(second)).contains("\"value\":{\"on\":true,\"w\":40}");
  }

  @Test
  void anEventAfterStopFailsSayingSo() throws Exception {
    KvSink sink = start(new KvTestContext());
    sink.stop();
    sinks.remove(sink);
    assertThatThrownBy(() -> sink.onEvent(request("{\"get\": {\"key\": \"a\"}}")))
        .hasMessage(
            "[Offramp::tremor://localhost/offramp/kv/01] the kv offramp is stopped: event dropped");
  }

  @Test
  void aSecondOfframpOnTheSameDirectoryIsRefusedAtStartNamingTheKey() throws Exception {
    start(new KvTestContext());
    KvSink second = new KvSink(new KvSettings(tmp.resolve("data")));
    assertThatThrownBy(() -> second.start(new KvTestContext()))
        .hasMessageContaining(
            "[Offramp::tremor://localhost/offramp/kv/01] cannot open the kv store in")
        .hasMessageContaining("(config key `dir`)");
  }

  @Test
  void commandsRunInArrivalOrderOffTheCallingThread() throws Exception {
    KvTestContext context = new KvTestContext();
    KvSink sink = start(context);
    int n = 2_000;
    for (int i = 0; i < n; i++) {
      sink.onEvent(
          KvTestContext.event(i, json("{\"put\": {\"key\": \"counter\", \"value\": " + i + "}}")));
    }
    Await.until("every put answered", WAIT, () -> context.events.size() == n);
    for (int i = 1; i < n; i++) {
      // each put answers the value the previous one stored
      assertThat(context.events.get(i).data())
          .isEqualTo(
              Value.obj(
                  "ok",
                  Value.obj(
                      "key",
                      new Value.Bytes("counter".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                      "value",
                      Value.of(i - 1))));
    }
    assertThat(context.events)
        .allSatisfy(
            e -> assertThat(e.meta()).isEqualTo(Value.obj("kv", Value.obj("op", Value.of("put")))));
    // every put was committed, at most GROUP_COMMIT_MAX events per commit
    assertThat(sink.commits()).isBetween((long) n / KvSink.GROUP_COMMIT_MAX, (long) n);
  }

  @Test
  void aFullQueueHoldsTheSenderUntilItsEventRan() throws Exception {
    KvTestContext context = new KvTestContext();
    KvSink sink = start(context);
    for (int i = 0; i < KvSink.HOLD_AT * 4; i++) {
      sink.onEvent(KvTestContext.event(i, json("{\"get\": {\"key\": \"x\"}}")));
    }
    Await.until("the sink drained", WAIT, sink::drained);
    long holds = context.flow.stream().filter(s -> s.startsWith("hold")).count();
    long releases = context.flow.stream().filter(s -> s.startsWith("release")).count();
    assertThat(holds).isEqualTo(releases);
  }
}
