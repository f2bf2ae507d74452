package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The ws offramp's part in the contraflow: acks on send, fails, circuit breaker (shared session).
 */
class WsContraflowIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  private static Event transactional(long n, String text) {
    return new Event(
        new EventId(1, 0, n),
        1000 + n,
        Value.of(text),
        Value.EMPTY_OBJECT,
        1,
        Transit.NONE.withTransactional(true));
  }

  private static Insight next(RecordingSinkContext context) throws InterruptedException {
    Insight i = context.insights.poll(10, TimeUnit.SECONDS);
    assertThat(i).as("no insight within 10 s").isNotNull();
    return i;
  }

  @Test
  void aSharedSessionBreaksTheCircuitUntilItsUpstreamConnectsAndWhenItIsLost() throws Exception {
    int port = WsItFixture.freePort();
    RecordingSinkContext context = new RecordingSinkContext(true);
    fixture.offramp(
        context,
        TestSettings.offramp(
            "ws://127.0.0.1:" + port,
            "session",
            "shared",
            "reconnect",
            Value.obj("interval_ms", Value.of(20), "jitter", Value.of(0))));

    assertThat(next(context).kind()).isEqualTo(Insight.Kind.CIRCUIT_BROKEN); // from start
    TestUpstream up = TestUpstream.start(port, TestUpstream.ECHO);
    Insight restored;
    do {
      restored = next(context); // failed attempts before the upstream listened break it again
    } while (restored.kind() == Insight.Kind.CIRCUIT_BROKEN);
    assertThat(restored.kind()).isEqualTo(Insight.Kind.CIRCUIT_RESTORED);

    up.close();
    assertThat(next(context).kind()).isEqualTo(Insight.Kind.CIRCUIT_BROKEN);
  }

  @Test
  void transactionalEventsAreAckedWhenSentAndFailedWhenSendingFails() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp = fixture.offramp(context, TestSettings.offramp(up.url()));
    Event sent = transactional(1, "hello");

    offramp.onEvent(sent);

    Insight ack = next(context);
    assertThat(ack.kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(ack.id()).isEqualTo(sent.id());
    assertThat(context.next().event().data()).isEqualTo(Value.of("hello")); // the reply

    // not transactional: no insight
    offramp.onEvent(new Event(new EventId(1, 0, 2), 1, Value.of("plain"), Value.EMPTY_OBJECT, 1));
    context.next();
    assertThat(context.insights).isEmpty();

    String down = "ws://127.0.0.1:" + WsItFixture.freePort();
    Event failing = transactional(3, "nowhere").withMeta(Value.obj("url", Value.of(down)));
    offramp.onEvent(failing);
    Insight fail = next(context);
    assertThat(fail.kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(fail.id()).isEqualTo(failing.id());
  }

  private static Event batchOf(String... texts) {
    List<Value> entries = new ArrayList<>();
    for (String t : texts) {
      entries.add(Value.obj("data", Value.obj("value", Value.of(t), "meta", Value.EMPTY_OBJECT)));
    }
    return new Event(
        new EventId(9, 0, 0),
        1,
        Value.array(entries),
        Value.EMPTY_OBJECT,
        1,
        Transit.NONE.withBatch(true).withTransactional(true));
  }

  @Test
  void aLinkedOfframpRejectsBatchesAsTremorDoes() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp = fixture.offramp(context, TestSettings.offramp(up.url()));

    offramp.onEvent(batchOf("a", "b"));

    RecordingSinkContext.Emitted error = context.next();
    assertThat(error.event().metaField("error"))
        .isEqualTo(Value.of("Batched events are not supported for linked websocket offramps"));
    assertThat(next(context).kind()).isEqualTo(Insight.Kind.FAIL);
  }

  @Test
  void anOfframpThatIsNotLinkedSendsEachEntryOfABatch() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.SILENT);
    fixture.add(up);
    RecordingSinkContext context = new RecordingSinkContext(false);
    WsOfframp offramp = fixture.offramp(context, TestSettings.offramp(up.url()));

    offramp.onEvent(batchOf("a", "b"));

    assertThat(up.nextReceived().text()).isEqualTo("a\n");
    assertThat(up.nextReceived().text()).isEqualTo("b\n");
    assertThat(next(context).kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(next(context).kind()).isEqualTo(Insight.Kind.ACK);
  }
}
