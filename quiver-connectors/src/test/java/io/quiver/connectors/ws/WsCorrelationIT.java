package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A shared upstream session must not hand one client's data to another when the upstream sends a
 * reply too many or skips one: a message while no request waits is dropped and counted, and with
 * {@code correlation_field} replies are matched by the id the upstream echoes, in any order.
 */
class WsCorrelationIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSinkContext context;
  private WsOfframp offramp;

  private void offramp(WsOfframpSettings settings, boolean jsonReplies) {
    context = new RecordingSinkContext(true);
    context.jsonReplies = jsonReplies;
    offramp = fixture.offramp(context, settings);
  }

  /** Shared-session settings for {@code up} plus the given config keys and values. */
  private static WsOfframpSettings shared(TestUpstream up, Object... keysAndValues) {
    Object[] all = new Object[keysAndValues.length + 2];
    all[0] = "session";
    all[1] = "shared";
    System.arraycopy(keysAndValues, 0, all, 2, keysAndValues.length);
    return TestSettings.offramp(up.url(), all);
  }

  private static Value msg(long id, String text) {
    return Value.obj("id", Value.of(id), "text", Value.of(text));
  }

  /** The id field of a request or reply line the upstream got or sends. */
  private static long idOf(String line) {
    try {
      return ((Value.Int) ((Value.Obj) Json.parse(line.trim())).fields().get("id")).value();
    } catch (Exception e) {
      throw new AssertionError("not a json record with an id: " + line, e);
    }
  }

  private static String json(long id, String text) {
    return Json.write(msg(id, text));
  }

  /** What each emitted answer went to (request id -> its data or error). */
  private static void assertAnswer(
      RecordingSinkContext.Emitted emitted, Event request, Value data) {
    assertThat(emitted.port()).as("port of %s", emitted).isEqualTo(Ports.OUT);
    assertThat(emitted.event().id()).isEqualTo(request.id());
    assertThat(emitted.event().stream()).isEqualTo(request.stream());
    assertThat(emitted.event().data()).isEqualTo(data);
  }

  @Test
  void aSharedSessionDropsAMessageThatNoRequestWaitsFor() throws Exception {
    TestUpstream up =
        fixture.upstream(
            text ->
                text.startsWith("a")
                    ? List.of("a's reply", "unsolicited")
                    : List.of(text.trim() + "'s reply"));
    offramp(shared(up), false);
    Event a = new Event(new EventId(1, 0, 1), 1, Value.of("a"), Value.EMPTY_OBJECT, 1);
    offramp.onEvent(a);
    RecordingSinkContext.Emitted first = context.next();
    assertThat(first.event().id()).isEqualTo(a.id());
    assertThat(first.event().data()).isEqualTo(Value.of("a's reply"));
    Await.until(
        "the unsolicited message was dropped", () -> offramp.metrics().repliesDropped() == 1);
    Event b = new Event(new EventId(1, 0, 2), 2, Value.of("b"), Value.EMPTY_OBJECT, 2);
    offramp.onEvent(b);
    RecordingSinkContext.Emitted second = context.next();
    assertThat(second.event().id()).isEqualTo(b.id());
    assertThat(second.event().data()).isEqualTo(Value.of("b's reply"));
    assertThat(context.emitted).isEmpty();
  }

  @Test
  void withCorrelationAnExtraReplyIsDroppedInsteadOfReachingTheNextClient() throws Exception {
    TestUpstream up =
        fixture.upstream(
            line ->
                idOf(line) == 1
                    ? List.of(json(1, "for a"), json(1, "for a, again"))
                    : List.of(json(idOf(line), "for b")));
    offramp(shared(up, "correlation_field", "id"), true);
    Event a = fixture.request(1, msg(1, "a"));
    Event b = fixture.request(2, msg(2, "b"));
    offramp.onEvent(a);
    offramp.onEvent(b);
    assertAnswer(context.next(), a, msg(1, "for a"));
    assertAnswer(context.next(), b, msg(2, "for b"));
    Await.until("the extra reply was dropped", () -> offramp.metrics().repliesDropped() == 1);
    assertThat(context.emitted).isEmpty();
  }

  @Test
  void withCorrelationASkippedReplyTimesOutAloneAndTheConnectionStays() throws Exception {
    TestUpstream up =
        fixture.upstream(line -> idOf(line) == 1 ? List.of() : List.of(json(idOf(line), "reply")));
    offramp(shared(up, "correlation_field", "id", "reply_timeout_ms", 300), true);
    Event a = fixture.request(1, msg(1, "skipped"));
    Event b = fixture.request(2, msg(2, "b"));
    offramp.onEvent(a);
    offramp.onEvent(b);
    assertAnswer(context.next(), b, msg(2, "reply"));
    RecordingSinkContext.Emitted timeout = context.next();
    assertThat(timeout.port()).isEqualTo(Ports.ERR);
    assertThat(timeout.event().id()).isEqualTo(a.id());
    assertThat(timeout.event().metaField("error"))
        .isEqualTo(
            Value.of("Error receiving reply from server " + up.url() + ": no reply within 300 ms"));
    Event c = fixture.request(3, msg(3, "c"));
    offramp.onEvent(c);
    assertAnswer(context.next(), c, msg(3, "reply"));
    assertThat(up.handshakes).hasValue(1);
    assertThat(offramp.metrics().replyTimeouts()).isEqualTo(1);
  }

  @Test
  void withCorrelationRepliesInAnyOrderReachTheirOwnRequests() throws Exception {
    Map<Long, String> held = new java.util.concurrent.ConcurrentHashMap<>();
    TestUpstream up =
        fixture.upstream(
            line -> {
              long id = idOf(line);
              if (id == 1) {
                held.put(1L, json(1, "first, answered last"));
                return List.of();
              }
              return List.of(json(id, "second"), held.remove(1L));
            });
    offramp(shared(up, "correlation_field", "id"), true);
    Event a = fixture.request(1, msg(1, "a"));
    Event b = fixture.request(2, msg(2, "b"));
    offramp.onEvent(a);
    offramp.onEvent(b);
    assertAnswer(context.next(), b, msg(2, "second"));
    assertAnswer(context.next(), a, msg(1, "first, answered last"));
    assertThat(offramp.metrics().repliesDropped()).isZero();
  }

  @Test
  void aNestedCorrelationPathWorksInPerClientSessionsToo() throws Exception {
    TestUpstream up = fixture.upstream(line -> List.of("{\"meta\":{\"rid\":\"x-7\"},\"ok\":true}"));
    offramp(TestSettings.offramp(up.url(), "correlation_field", "meta.rid"), true);
    Event r =
        fixture.request(1, Value.obj("meta", Value.obj("rid", Value.of("x-7")), "q", Value.of(1)));
    offramp.onEvent(r);
    assertAnswer(
        context.next(), r, Value.obj("meta", Value.obj("rid", Value.of("x-7")), "ok", Value.TRUE));
  }

  @Test
  void anEventWithoutTheFieldOrWithAnIdStillWaitingIsNotSent() throws Exception {
    TestUpstream up = fixture.upstream(TestUpstream.SILENT);
    offramp(shared(up, "correlation_field", "id"), true);
    Event first = fixture.request(1, msg(5, "waits"));
    offramp.onEvent(first);
    assertThat(up.nextReceived().text()).isEqualTo(json(5, "waits") + "\n");
    Event noId = fixture.request(2, Value.obj("text", Value.of("no id")));
    offramp.onEvent(noId);
    RecordingSinkContext.Emitted missing = context.next();
    assertThat(missing.event().id()).isEqualTo(noId.id());
    assertThat(missing.event().metaField("error"))
        .isEqualTo(
            Value.of(
                "Error sending event to server "
                    + up.url()
                    + ": the event has no correlation field `id` (correlation_field); it was not sent"));
    Event sameId = fixture.request(3, msg(5, "same id"));
    offramp.onEvent(sameId);
    RecordingSinkContext.Emitted duplicate = context.next();
    assertThat(duplicate.event().id()).isEqualTo(sameId.id());
    assertThat(duplicate.event().metaField("error"))
        .isEqualTo(
            Value.of(
                "Error sending event to server "
                    + up.url()
                    + ": an event with the same id (5) is still waiting for its reply; it was not sent"));
  }

  @Test
  void aCorrelationFieldMustBeAFieldNameOrADottedPath() {
    assertThatThrownBy(
            () ->
                WsOfframpSettings.of(
                    Value.obj(
                        "url",
                        Value.of("ws://127.0.0.1:1"),
                        "correlation_field",
                        Value.of("a..b"))))
        .hasMessage(
            "invalid value \"a..b\" for configuration correlation_field: value must be a field name or a"
                + " dotted path such as id or meta.request_id");
  }
}
