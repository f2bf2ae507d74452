package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.HalfOpenUpstream;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WsKeepaliveIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  @Test
  void aHalfOpenUpstreamIsDetectedByPongTimeoutAndReconnectedWhileOtherClientsGetReplies()
      throws Exception {
    HalfOpenUpstream hung = fixture.closeLater(new HalfOpenUpstream());
    TestUpstream healthy = fixture.closeLater(TestUpstream.start(TestUpstream.ECHO));
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(
            context,
            TestSettings.offramp(
                hung.url(),
                "ping_interval_ms",
                100,
                "pong_timeout_ms",
                1000,
                "reply_timeout_ms",
                0,
                "reconnect_backoff_ms",
                50,
                // the hung peer does complete its handshake: on a loaded machine that can take
                // longer than the default connect timeout, which would answer with a different
                // error
                "connect_timeout_ms",
                60_000));

    Event toHung = fixture.request(1, "hello", Value.EMPTY_OBJECT);
    Event toHealthy = fixture.request(2, "still fine", Value.obj("url", Value.of(healthy.url())));
    offramp.onEvent(toHung);
    offramp.onEvent(toHealthy);

    Map<EventId, RecordingSinkContext.Emitted> answers =
        context.next(2, java.time.Duration.ofSeconds(60)).stream()
            .collect(Collectors.toMap(e -> e.event().id(), Function.identity()));
    RecordingSinkContext.Emitted error = answers.get(toHung.id());
    assertThat(error.port()).isEqualTo(Ports.ERR);
    assertThat(error.event().data())
        .isEqualTo(
            Value.obj(
                "error",
                    Value.of(
                        "Error receiving reply from server "
                            + hung.url()
                            + ": no pong within 1000 ms"),
                "event_id", Value.of("1:0:0")));
    RecordingSinkContext.Emitted reply = answers.get(toHealthy.id());
    assertThat(reply.port()).isEqualTo(Ports.OUT);
    assertThat(reply.event().data()).isEqualTo(Value.of("still fine"));

    Await.until("a reconnect to the hung upstream", () -> hung.handshakes.get() >= 2);
    WsMetrics.Snapshot m = offramp.metrics();
    assertThat(m.pongsMissed()).isGreaterThanOrEqualTo(1);
    assertThat(m.reconnects()).isGreaterThanOrEqualTo(1);

    // the healthy session is untouched: same connection, still answering
    Event again = fixture.request(2, "and again", Value.obj("url", Value.of(healthy.url())));
    offramp.onEvent(again);
    RecordingSinkContext.Emitted next = context.next();
    while (!next.event().id().equals(again.id())) {
      next =
          context
              .next(); // errors of the hung session's later attempts have no request; none expected
    }
    assertThat(next.event().data()).isEqualTo(Value.of("and again"));
    assertThat(healthy.handshakes.get()).isEqualTo(1);
  }

  @Test
  void anUpstreamThatAnswersPingsStaysConnected() throws Exception {
    TestUpstream up = fixture.closeLater(TestUpstream.start(TestUpstream.ECHO));
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(
            context,
            TestSettings.offramp(up.url(), "ping_interval_ms", 30, "pong_timeout_ms", 2000));
    offramp.onEvent(fixture.request(1, "one", Value.EMPTY_OBJECT));
    assertThat(context.next().event().data()).isEqualTo(Value.of("one"));
    Await.until("5 pings sent", () -> offramp.metrics().pingsSent() >= 5);
    offramp.onEvent(fixture.request(1, "two", Value.EMPTY_OBJECT));
    assertThat(context.next().event().data()).isEqualTo(Value.of("two"));
    assertThat(up.handshakes.get()).isEqualTo(1);
    assertThat(offramp.metrics().pongsMissed()).isZero();
    assertThat(offramp.metrics().connectionsOpen()).isEqualTo(1);
  }

  @Test
  void theOnrampDisconnectsAClientThatDoesNotAnswerPingsAndKeepsTheOthers() throws Exception {
    RecordingSourceContext context = new RecordingSourceContext(false);
    WsOnramp onramp =
        fixture.onramp(
            context, TestSettings.onramp("ping_interval_ms", 50, "pong_timeout_ms", 1000));
    // one client at a time: the two handshakes run on different event loops, so the order in
    // which their streams open is not the order of connect calls
    try (TestClient polite = TestClient.connect(onramp.boundPort())) {
      long politeStream = context.nextOpened();
      try (RawWsClient silent = RawWsClient.connect(onramp.boundPort())) {
        long silentStream = context.nextOpened();
        disconnectsTheSilentOneOnly(onramp, context, polite, politeStream, silent, silentStream);
      }
    }
  }

  private static void disconnectsTheSilentOneOnly(
      WsOnramp onramp,
      RecordingSourceContext context,
      TestClient polite,
      long politeStream,
      RawWsClient silent,
      long silentStream)
      throws Exception {
    RawWsClient.Frame ping = silent.readFrame();
    assertThat(ping.opcode()).isEqualTo(RawWsClient.PING);
    RawWsClient.Frame close = silent.awaitClose();
    assertThat(close.closeCode()).isEqualTo(1001);
    assertThat(close.closeReason()).isEqualTo("no pong within 1000 ms");
    long closed = context.nextClosed();
    assertThat(closed).isEqualTo(silentStream);
    Await.until("polite client routable", () -> onramp.isRoutable(politeStream));
    assertThat(onramp.isRoutable(closed)).isFalse();
    assertThat(onramp.connectedClients()).isEqualTo(1);
    onramp.reply(
        new Event(
            new EventId(1, 0, 1), 1, Value.of("still here"), Value.EMPTY_OBJECT, politeStream));
    assertThat(polite.nextText()).isEqualTo("still here");
    assertThat(onramp.metrics().pongsMissed()).isEqualTo(1);
    assertThat(onramp.metrics().closesByCode()).containsEntry(1001, 1L);
  }
}
