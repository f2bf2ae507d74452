package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.HoldingServer;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WsReconnectIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  @Test
  void backgroundRetriesStopAfterMaxRetriesAndANewEventTriesOnceMore() throws Exception {
    String url = "ws://127.0.0.1:" + WsItFixture.freePort();
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(
            context,
            TestSettings.offramp(
                url,
                "reconnect",
                Value.obj(
                    "interval_ms",
                    Value.of(20),
                    "max_retries",
                    Value.of(3),
                    "jitter",
                    Value.of(0))));
    Event first = fixture.request(1, "a");
    offramp.onEvent(first);
    RecordingSinkContext.Emitted error = context.next();
    assertThat(error.port()).isEqualTo(Ports.ERR);
    assertThat(error.event().metaField("error"))
        .isEqualTo(Value.of("Error sending event to server " + url + ": Connection refused"));
    Await.until("3 failed attempts", () -> offramp.metrics().connectFailures() == 3);
    assertThat(offramp.metrics().reconnects()).isEqualTo(2);

    Event second = fixture.request(1, "b");
    offramp.onEvent(second);
    assertThat(context.next().event().id()).isEqualTo(second.id());
    Await.until("the event's own attempt", () -> offramp.metrics().connectFailures() == 4);
    // observation window of 15 intervals: no background attempt follows
    assertThat(context.emitted.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
    assertThat(offramp.metrics().connectFailures()).isEqualTo(4);
  }

  @Test
  void attemptsNeverOverlap() throws Exception {
    HoldingServer holding = new HoldingServer();
    fixture.add(holding);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(
            context,
            TestSettings.offramp(holding.url(), "connect_timeout_ms", 300, "session", "shared"));
    for (int i = 0; i < 5; i++) {
      offramp.onEvent(fixture.request(i, "x" + i));
    }
    List<RecordingSinkContext.Emitted> errors = context.next(5, Duration.ofSeconds(5));
    assertThat(errors)
        .allSatisfy(
            e ->
                assertThat(e.event().metaField("error"))
                    .isEqualTo(
                        Value.of(
                            "Error sending event to server "
                                + holding.url()
                                + ": connection timed out after 300 ms")));
    assertThat(holding.connections.get()).isEqualTo(1);
  }

  @Test
  void anUpstreamKilledMidStreamErrorsItsRequestsAndRepliesFlowAgainWhenItIsBack()
      throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.SILENT);
    int port = up.port();
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(
            context,
            TestSettings.offramp(up.url(), "reconnect", Value.obj("interval_ms", Value.of(20))));
    Event inFlight = fixture.request(1, "pending");
    offramp.onEvent(inFlight);
    up.nextReceived();
    up.close();
    RecordingSinkContext.Emitted error = context.next();
    assertThat(error.event().metaField("error"))
        .isEqualTo(
            Value.of(
                "Error receiving reply from server ws://127.0.0.1:"
                    + port
                    + ": WebSocket protocol error: Connection reset without closing handshake"));
    TestUpstream back = TestUpstream.start(port, TestUpstream.ECHO);
    fixture.add(back);
    Await.until("reconnected", () -> back.handshakes.get() == 1);
    Event later = fixture.request(1, "later");
    offramp.onEvent(later);
    RecordingSinkContext.Emitted reply = context.next();
    assertThat(reply.port()).isEqualTo(Ports.OUT);
    assertThat(reply.event().data()).isEqualTo(Value.of("later"));
    assertThat(offramp.metrics().reconnects()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void stopErrorsEveryRequestStillWaitingBeforeReturning() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.SILENT);
    fixture.add(up);
    HoldingServer holding = new HoldingServer();
    fixture.add(holding);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        new WsOfframp(context.artefact(), TestSettings.offramp(up.url(), "reply_timeout_ms", 0));
    offramp.start(context);
    Event a = fixture.request(1, "a");
    Event b = fixture.request(2, "b");
    Event connecting =
        new Event(
            new EventId(1, 0, 99), 1, Value.of("c"), Value.obj("url", Value.of(holding.url())), 3);
    offramp.onEvent(a);
    offramp.onEvent(b);
    offramp.onEvent(connecting);
    up.nextReceived();
    up.nextReceived();
    Await.until(
        "the connection attempt to the holding server", () -> holding.connections.get() == 1);
    offramp.stop();
    List<RecordingSinkContext.Emitted> answers = new ArrayList<>(context.emitted);
    assertThat(answers).hasSize(3);
    assertThat(answers).allSatisfy(e -> assertThat(e.port()).isEqualTo(Ports.ERR));
    assertThat(answers.stream().map(e -> e.event().metaField("error")))
        .containsExactlyInAnyOrder(
            Value.of(
                "Error sending event to server "
                    + holding.url()
                    + ": shutting down: the event was not sent within the drain timeout"),
            Value.of(
                "Error receiving reply from server "
                    + up.url()
                    + ": shutting down: no reply within the drain timeout"),
            Value.of(
                "Error receiving reply from server "
                    + up.url()
                    + ": shutting down: no reply within the drain timeout"));
  }

  @Test
  void drainedOnlyOnceTheReplyOfEveryRequestWasEmitted() throws Exception {
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    TestUpstream up =
        TestUpstream.start(
            text -> {
              try {
                answer.await(); // holds the upstream's reply until the test lets it go
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return List.of(text);
            });
    fixture.add(up);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp = new WsOfframp(context.artefact(), TestSettings.offramp(up.url()));
    offramp.start(context);
    assertThat(offramp.drained()).isTrue();
    Event slow = fixture.request(1, "slow");
    offramp.onEvent(slow);
    up.nextReceived();
    assertThat(offramp.drained()).isFalse();
    answer.countDown();
    Await.until("the reply was emitted", offramp::drained);
    RecordingSinkContext.Emitted reply = context.emitted.poll();
    assertThat(reply).isNotNull();
    assertThat(reply.port()).isEqualTo(Ports.OUT);
    assertThat(reply.event().data()).isEqualTo(Value.of("slow"));
    offramp.stop();
    assertThat(context.emitted).isEmpty();
  }
}
