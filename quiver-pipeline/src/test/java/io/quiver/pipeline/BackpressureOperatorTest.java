package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class BackpressureOperatorTest {
  static final long MS = 1_000_000L;
  static final long UID = 4711;

  static Event event(long n, long ingestNs) {
    return new Event(new EventId(1, 0, n), ingestNs, Value.of(n), Value.EMPTY_OBJECT, 0);
  }

  /** Sends an event and returns the port it left on, and the event. */
  static RecordingOutput.Emitted send(Operator op, Event e) {
    RecordingOutput out = new RecordingOutput();
    op.onEvent(e, out);
    assertThat(out.events).hasSize(1);
    return out.events.get(0);
  }

  static BackpressureOperator operator(boolean circuitBreaker) {
    return new BackpressureOperator(
        UID, 100.0, new long[] {1 * MS, 10 * MS, 100 * MS}, circuitBreaker);
  }

  @Test
  void eventsPassMarkedTransactionalWithTheOperatorsMetadata() {
    BackpressureOperator op = operator(false);

    RecordingOutput.Emitted first = send(op, event(1, 1));
    RecordingOutput.Emitted second = send(op, event(2, 2));

    assertThat(first.port()).isEqualTo("out");
    assertThat(second.port()).isEqualTo("out");
    assertThat(first.event().transactional()).isTrue();
    assertThat(first.event().transit().hasOpMeta(UID)).isTrue();
    assertThat(first.event().data()).isEqualTo(Value.of(1));
  }

  @Test
  void aFailBacksOffByTheFirstStepMeasuredFromTheFailedEventsIngestTime() {
    BackpressureOperator op = operator(false);
    Event sent = send(op, event(1, 1 * MS)).event();

    Insight left = op.onContraflow(Insight.fail(sent));

    assertThat(left.kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(op.backoffNs()).isEqualTo(1 * MS);
    // the backoff ends at ingest(1 ms) + 1 ms = 2 ms: an event ingested before goes to overflow
    assertThat(send(op, event(2, 2 * MS - 1)).port()).isEqualTo("overflow");
    assertThat(send(op, event(3, 2 * MS)).port()).isEqualTo("out");
    // from then on events are spaced by the backoff
    assertThat(send(op, event(4, 3 * MS - 1)).port()).isEqualTo("overflow");
    assertThat(send(op, event(5, 3 * MS)).port()).isEqualTo("out");
  }

  @Test
  void furtherFailuresStepUpAndStayAtTheLastStepAnAckEndsTheBackoff() {
    BackpressureOperator op = operator(false);
    Event sent = send(op, event(1, 0)).event();

    op.onContraflow(Insight.fail(sent));
    assertThat(op.backoffNs()).isEqualTo(1 * MS);
    op.onContraflow(Insight.fail(sent));
    assertThat(op.backoffNs()).isEqualTo(10 * MS);
    op.onContraflow(Insight.fail(sent));
    assertThat(op.backoffNs()).isEqualTo(100 * MS);
    op.onContraflow(Insight.fail(sent));
    assertThat(op.backoffNs()).isEqualTo(100 * MS);

    op.onContraflow(Insight.ack(sent));

    assertThat(op.backoffNs()).isZero();
    assertThat(send(op, event(2, 1)).port()).isEqualTo("out");
  }

  @Test
  void aSlowDeliveryOrAnErrorCountsAsFailureAFastOneDoesNot() {
    BackpressureOperator op = operator(false);
    Event sent = send(op, event(1, 0)).event();

    op.onContraflow(Insight.ack(sent, 100.0));
    assertThat(op.backoffNs()).isZero();
    op.onContraflow(Insight.ack(sent, 100.5));
    assertThat(op.backoffNs()).isEqualTo(1 * MS);
    op.onContraflow(Insight.ack(sent, 3));
    assertThat(op.backoffNs()).isZero();
    op.onContraflow(
        new Insight(
            Insight.Kind.ACK, sent.id(), 0, sent.transit(), Value.obj("error", Value.of("x"))));
    assertThat(op.backoffNs()).isEqualTo(1 * MS);
  }

  @Test
  void insightsAboutEventsItDidNotSeePassUnchanged() {
    BackpressureOperator op = operator(true);
    Insight foreign = Insight.fail(event(1, 0));

    assertThat(op.onContraflow(foreign)).isSameAs(foreign);
    assertThat(op.backoffNs()).isZero();
  }

  @Test
  void withCircuitBreakerTheFirstFailureBreaksTheCircuitAndATickAfterTheBackoffRestoresIt() {
    BackpressureOperator op = operator(true);
    Event sent = send(op, event(1, 5 * MS)).event();

    Insight first = op.onContraflow(Insight.fail(sent));
    Insight second = op.onContraflow(Insight.fail(sent));

    assertThat(first.kind()).isEqualTo(Insight.Kind.CIRCUIT_BROKEN);
    assertThat(second.kind()).isEqualTo(Insight.Kind.FAIL); // already broken: passes as it is
    assertThat(op.backoffNs()).isEqualTo(10 * MS);

    RecordingOutput out = new RecordingOutput();
    op.onSignal(15 * MS - 1, out); // backoff ends at 5 ms + 10 ms
    assertThat(out.insights).isEmpty();
    op.onSignal(15 * MS, out);
    assertThat(out.insights).hasSize(1);
    assertThat(out.insights.get(0).kind()).isEqualTo(Insight.Kind.CIRCUIT_RESTORED);
    assertThat(out.insights.get(0).ingestNs()).isEqualTo(15 * MS);
    // the restore carries the metadata of the event that broke the circuit (a round robin reopens)
    assertThat(out.insights.get(0).transit().hasOpMeta(UID)).isTrue();
    assertThat(op.backoffNs()).isZero();
  }

  @Test
  void withoutCircuitBreakerACircuitBreakAboutItsEventStopsHere() {
    BackpressureOperator op = operator(false);
    Event sent = send(op, event(1, 0)).event();
    Insight broken =
        new Insight(Insight.Kind.CIRCUIT_BROKEN, sent.id(), 0, sent.transit(), Value.EMPTY_OBJECT);

    assertThat(op.onContraflow(broken).kind()).isEqualTo(Insight.Kind.NONE);
    assertThat(op.backoffNs()).isEqualTo(1 * MS);

    RecordingOutput out = new RecordingOutput();
    op.onSignal(2 * MS, out);
    assertThat(out.insights).isEmpty();
    assertThat(op.backoffNs()).isZero();
  }

  @Test
  void nextBackoffIsTheFirstStepAboveTheCurrentOne() {
    long[] steps = {50, 100, 250};
    assertThat(BackpressureOperator.nextBackoff(steps, 0)).isEqualTo(50);
    assertThat(BackpressureOperator.nextBackoff(steps, 50)).isEqualTo(100);
    assertThat(BackpressureOperator.nextBackoff(steps, 100)).isEqualTo(250);
    assertThat(BackpressureOperator.nextBackoff(steps, 250)).isEqualTo(250);
    assertThat(BackpressureOperator.nextBackoff(new long[0], 0)).isZero();
  }
}
