package io.quiver.connectors.ws;

import static io.quiver.connectors.ws.SessionHarness.closeByServer;
import static io.quiver.connectors.ws.SessionHarness.event;
import static io.quiver.connectors.ws.SessionHarness.reply;
import static io.quiver.connectors.ws.SessionHarness.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.spi.Insight.Kind;
import io.quiver.spi.Ports;
import io.quiver.value.Value;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upstream session as a state machine, driven on embedded channels with the test's clock: every
 * transition, and the promise that every event gets exactly one answer (upstream down, connect
 * timeout, reply timeout, close mid-flight, drain and stop, max_in_flight).
 */
class UpstreamSessionTest {
  private static final String URL = SessionHarness.URL;
  private static final Value RECONNECT =
      Value.obj("interval_ms", Value.of(100), "jitter", Value.of(0.0));

  private static SessionHarness shared(Object... more) {
    Object[] config = new Object[more.length + 6];
    config[0] = "connect_timeout_ms";
    config[1] = 1_000;
    config[2] = "reply_timeout_ms";
    config[3] = 500;
    config[4] = "reconnect";
    config[5] = RECONNECT;
    System.arraycopy(more, 0, config, 6, more.length);
    return SessionHarness.shared(config);
  }

  @Test
  void theFirstEventConnectsAndGoesOutOnceTheHandshakeIsDone() {
    SessionHarness h = shared();
    assertThat(h.session.state()).isEqualTo(SessionState.IDLE);

    h.session.submit(event(1));
    assertThat(h.session.state()).isEqualTo(SessionState.CONNECTING);
    assertThat(h.upstreams).hasSize(1);
    h.open();
    assertThat(h.session.state()).isEqualTo(SessionState.OPEN);
    assertThat(sent(h.upstream())).containsExactly("e1");
    assertThat(h.circuit()).containsExactly(Kind.CIRCUIT_RESTORED);

    reply(h.upstream(), "r1");
    RecordingSinkContext.Emitted answer = h.answerOf(1);
    assertThat(answer.port()).isEqualTo(Ports.OUT);
    assertThat(answer.event().data()).isEqualTo(Value.of("r1"));
    assertThat(h.insightsOf(1)).containsExactly(Kind.ACK); // acked on send
    h.assertAnsweredOnce(1);
  }

  @Test
  void anUpstreamThatRefusesAnswersTheWaitingEventsAndRetriesAfterTheBackoff() {
    SessionHarness h = shared();
    h.session.submit(event(1));
    h.session.submit(event(2));

    h.attempts.getFirst().setFailure(new ConnectException("Connection refused: /127.0.0.1:1"));

    assertThat(h.session.state()).isEqualTo(SessionState.IDLE);
    assertThat(h.errorOf(1))
        .isEqualTo("Error sending event to server " + URL + ": Connection refused");
    assertThat(h.errorOf(2)).isEqualTo(h.errorOf(1));
    assertThat(h.insightsOf(1)).containsExactly(Kind.FAIL);
    assertThat(h.circuit()).containsExactly(Kind.CIRCUIT_BROKEN);
    assertThat(h.metrics.snapshot().connectFailures()).isEqualTo(1);

    // within the backoff an event is refused at once, without an attempt
    h.session.submit(event(3));
    assertThat(h.errorOf(3))
        .isEqualTo("Error sending event to server " + URL + ": " + Failures.CLOSED_CONNECTION);
    assertThat(h.upstreams).hasSize(1);

    h.advance(99);
    assertThat(h.upstreams).hasSize(1);
    h.advance(1); // the backoff is over: the background attempt
    assertThat(h.session.state()).isEqualTo(SessionState.CONNECTING);
    assertThat(h.upstreams).hasSize(2);
    h.open();
    assertThat(h.circuit()).containsExactly(Kind.CIRCUIT_BROKEN, Kind.CIRCUIT_RESTORED);
    h.assertAnsweredOnce(1, 2, 3);
  }

  @Test
  void anAttemptThatOutlivesTheConnectTimeoutFails() {
    SessionHarness h = shared();
    h.session.submit(event(1));
    EmbeddedChannel attempt = h.upstream();

    h.advance(999);
    assertThat(h.session.state()).isEqualTo(SessionState.CONNECTING);
    h.advance(1);

    assertThat(h.session.state()).isEqualTo(SessionState.IDLE);
    assertThat(h.errorOf(1))
        .isEqualTo("Error sending event to server " + URL + ": connection timed out after 1000 ms");
    assertThat(attempt.isOpen()).as("the attempt's channel is closed").isFalse();
    h.assertAnsweredOnce(1);
  }

  @Test
  void aReplyTimeoutAnswersTheRequestAndRetiresTheConnection() {
    SessionHarness h = shared();
    h.session.submit(event(1));
    h.open();
    EmbeddedChannel first = h.upstream();
    h.advance(200);
    h.session.submit(event(2));
    assertThat(sent(first)).containsExactly("e1", "e2");

    h.advance(300); // event 1's deadline

    assertThat(h.errorOf(1))
        .isEqualTo("Error receiving reply from server " + URL + ": no reply within 500 ms");
    assertThat(h.errorOf(2))
        .isEqualTo(
            "Error receiving reply from server "
                + URL
                + ": the connection was closed after an earlier request got no reply within 500 ms"
                + " (later replies could no longer be matched to their requests)");
    assertThat(h.insightsOf(1)).containsExactly(Kind.ACK); // a missing reply fails nothing
    assertThat(h.session.state()).isEqualTo(SessionState.IDLE);
    assertThat(first.isOpen()).isFalse();
    assertThat(h.metrics.snapshot().replyTimeouts()).isEqualTo(1);

    // a late reply on the retired connection is ignored
    h.session.onMessage(first, "late\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    h.session.submit(event(3)); // the next event opens a new connection at once
    assertThat(h.upstreams).hasSize(2);
    h.open();
    assertThat(sent(h.upstream())).containsExactly("e3");
    reply(h.upstream(), "r3");
    assertThat(h.answerOf(3).event().data()).isEqualTo(Value.of("r3"));
    h.assertAnsweredOnce(1, 2, 3);
  }

  @Test
  void anUpstreamClosingMidFlightAnswersWhatWasSentAndWhatWaited() {
    SessionHarness h = shared("max_in_flight", 2);
    h.session.submit(event(1));
    h.open();
    h.session.submit(event(2));
    h.session.submit(event(3)); // waits for room
    assertThat(sent(h.upstream())).containsExactly("e1", "e2");

    closeByServer(h.upstream(), 1001);

    String cause = ": Connection closed by server (code 1001)";
    assertThat(h.session.state()).isEqualTo(SessionState.IDLE);
    assertThat(h.errorOf(1)).isEqualTo("Error receiving reply from server " + URL + cause);
    assertThat(h.errorOf(2)).isEqualTo("Error receiving reply from server " + URL + cause);
    assertThat(h.errorOf(3)).isEqualTo("Error sending event to server " + URL + cause);
    assertThat(h.insightsOf(2)).containsExactly(Kind.ACK); // sent: acked, not failed
    assertThat(h.insightsOf(3)).containsExactly(Kind.FAIL); // never sent: failed
    assertThat(h.circuit()).containsExactly(Kind.CIRCUIT_RESTORED, Kind.CIRCUIT_BROKEN);
    h.assertAnsweredOnce(1, 2, 3);

    h.advance(100); // the reconnect backoff
    assertThat(h.session.state()).isEqualTo(SessionState.CONNECTING);
  }

  @Test
  void aConnectionResetWithoutACloseFrameSaysSo() {
    SessionHarness h = shared();
    h.session.submit(event(1));
    h.open();
    h.upstream().close();
    assertThat(h.errorOf(1))
        .isEqualTo("Error receiving reply from server " + URL + ": " + Failures.RESET);
  }

  @Test
  void aPerClientSessionTellsItsClientOfTheLossEvenWithNothingWaiting() {
    SessionHarness h =
        SessionHarness.perClient("close_client_on_upstream_loss", true, "reconnect", RECONNECT);
    h.session.submit(event(1));
    h.open();
    reply(h.upstream(), "r1");
    h.collect();

    h.upstream().close();

    List<RecordingSinkContext.Emitted> answers = h.collect();
    assertThat(answers).hasSize(2); // the reply, then the loss on the last request
    Value meta = answers.getLast().event().meta();
    assertThat(((Value.Obj) meta).fields().get("ws"))
        .isEqualTo(Value.obj("close", UpstreamSession.CLIENT_CLOSE));
    assertThat(h.circuit()).as("per-client sessions report no circuit").isEmpty();
  }

  @Test
  void stopAfterTheDrainAnswersWhatIsInFlightAndWhatWaitsThenCloses() {
    SessionHarness h = shared("max_in_flight", 1);
    h.session.submit(event(1));
    h.open();
    h.session.submit(event(2)); // waits for room
    assertThat(unanswered(h)).isEqualTo(2);

    h.session.stop();
    h.runTasks();

    assertThat(h.errorOf(2))
        .isEqualTo("Error sending event to server " + URL + ": " + Failures.SHUTDOWN_NOT_SENT);
    assertThat(h.errorOf(1))
        .isEqualTo("Error receiving reply from server " + URL + ": " + Failures.SHUTDOWN_NO_REPLY);
    assertThat(h.insightsOf(2)).containsExactly(Kind.FAIL);
    assertThat(h.session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(h.session.closed().isSuccess()).isTrue();
    assertThat(h.upstream().isOpen()).isFalse();

    h.session.submit(event(3));
    assertThat(h.errorOf(3))
        .isEqualTo("Error sending event to server " + URL + ": " + Failures.CLOSED_CONNECTION);
    h.advance(10_000); // no timer is left to answer anything twice
    h.assertAnsweredOnce(1, 2, 3);
  }

  @Test
  void whileItAnswersWhatItHeldTheSessionIsDrainingAndRefusesNewEvents() {
    SessionHarness h = shared("max_in_flight", 1);
    h.session.submit(event(1));
    h.open();
    h.session.submit(event(2));
    List<SessionState> seen = new java.util.ArrayList<>();
    h.onEmit = () -> seen.add(h.session.state());

    h.session.close();
    h.runTasks();

    assertThat(seen).containsExactly(SessionState.DRAINING, SessionState.DRAINING);
    assertThat(h.errorOf(2))
        .isEqualTo("Error sending event to server " + URL + ": " + Failures.CLOSED_CONNECTION);
    assertThat(h.errorOf(1))
        .isEqualTo(
            "Error receiving reply from server "
                + URL
                + ": "
                + UpstreamSession.CLOSED_BEFORE_REPLY);
    assertThat(h.session.state()).isEqualTo(SessionState.CLOSED);
    h.session.close(); // a second close changes nothing
    h.runTasks();
    h.assertAnsweredOnce(1, 2);
  }

  @Test
  void aSessionClosedWhileConnectingAnswersItsWaitingEvents() {
    SessionHarness h = shared();
    h.session.submit(event(1));
    h.session.stop();
    h.runTasks();
    assertThat(h.session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(h.errorOf(1))
        .isEqualTo("Error sending event to server " + URL + ": " + Failures.SHUTDOWN_NOT_SENT);
    h.attempts.getFirst().setSuccess(); // too late: nothing happens
    h.session.connection().onHandshakeComplete(h.upstream());
    h.advance(5_000);
    assertThat(h.session.state()).isEqualTo(SessionState.CLOSED);
    h.assertAnsweredOnce(1);
  }

  @Test
  void maxInFlightQueuesEventsAndHoldsTheSenderUntilHalfTheRoomIsFree() {
    SessionHarness h = shared("max_in_flight", 2);
    h.session.submit(event(1));
    h.open();
    h.session.submit(event(2));
    h.session.submit(event(3)); // full: waits, its sender is held
    h.session.submit(event(4));
    assertThat(sent(h.upstream())).containsExactly("e1", "e2");
    assertThat(h.context.originFlow).containsExactly("hold " + event(3).id());

    reply(h.upstream(), "r1");
    assertThat(sent(h.upstream())).containsExactly("e3");
    assertThat(h.context.originFlow).hasSize(1); // 3 in flight: still held
    reply(h.upstream(), "r2");
    reply(h.upstream(), "r3");
    assertThat(sent(h.upstream())).containsExactly("e4");
    assertThat(h.context.originFlow)
        .containsExactly("hold " + event(3).id(), "release " + event(3).id());
    reply(h.upstream(), "r4");
    h.assertAnsweredOnce(1, 2, 3, 4);
    assertThat(h.answers).allMatch(a -> a.port().equals(Ports.OUT));
  }

  @Test
  void aSenderThatCannotBeHeldGetsErrorsBeyondTwiceMaxInFlight() {
    SessionHarness h = shared("max_in_flight", 1);
    h.session.submit(event(1));
    h.session.submit(event(2)); // not holdable: waits anyway, up to twice max_in_flight
    h.session.submit(event(3));
    assertThat(h.errorOf(3))
        .isEqualTo(
            "Error sending event to server "
                + URL
                + ": too many events in flight (max_in_flight is 1 and the sender could not be"
                + " held back); the event was not sent");
    h.open();
    reply(h.upstream(), "r1");
    reply(h.upstream(), "r2");
    h.assertAnsweredOnce(1, 2, 3);
  }

  @Test
  void anUnlinkedSessionCountsWritesAsInFlightUntilTheyAreConfirmed() {
    SessionHarness h = new SessionHarness(SessionKey.shared(URL), false, "max_in_flight", 1);
    h.session.submit(event(1));
    h.open();
    h.session.submit(event(2)); // the first write is not confirmed yet: e2 waits
    assertThat(unanswered(h)).isEqualTo(2);

    // the end of the turn writes e1; its confirmation makes room, and e2 follows
    assertThat(sent(h.upstream())).containsExactly("e1", "e2");
    assertThat(h.insightsOf(1)).containsExactly(Kind.ACK);
    assertThat(h.insightsOf(2)).containsExactly(Kind.ACK);
    assertThat(h.collect()).isEmpty(); // unlinked: no answers on ports
    assertThat(unanswered(h)).isZero();
  }

  private static int unanswered(SessionHarness h) {
    var count = h.session.unanswered();
    h.runTasks();
    return count.getNow();
  }
}
