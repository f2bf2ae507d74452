package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import org.junit.jupiter.api.Test;

/** max_in_flight: held senders, refused senders, and their release. */
class WaitingEventsTest {
  private final RecordingSinkContext context = new RecordingSinkContext(true);
  private final WsMetrics metrics = new WsMetrics();
  private final WaitingEvents waiting =
      new WaitingEvents(new OfframpAnswers(context, new DroppedReplies("t", metrics)), metrics, 4);

  @Test
  void belowMaxInFlightEverythingIsTakenWithoutAHold() {
    assertThat(waiting.admits(SessionHarness.event(1), 3)).isTrue();
    assertThat(context.originFlow).isEmpty();
  }

  @Test
  void aFullSessionHoldsTheSenderOnceAndReleasesItAtHalf() {
    context.holdable = true;
    Event e = SessionHarness.event(1);
    assertThat(waiting.admits(e, 4)).isTrue();
    assertThat(waiting.admits(SessionHarness.event(2), 9)).as("held: still taken").isTrue();
    assertThat(context.originFlow).containsExactly("hold " + e.id());
    assertThat(metrics.snapshot().sendersHeld()).isEqualTo(1);

    waiting.releaseSendersIfRoom(3);
    assertThat(context.originFlow).hasSize(1);
    waiting.releaseSendersIfRoom(2);
    assertThat(context.originFlow).containsExactly("hold " + e.id(), "release " + e.id());
  }

  @Test
  void aSenderThatCannotBeHeldIsRefusedFromTwiceMaxInFlight() {
    assertThat(waiting.admits(SessionHarness.event(1), 7)).isTrue();
    assertThat(waiting.admits(SessionHarness.event(2), 8)).isFalse();
  }

  @Test
  void failAllAnswersEveryWaitingEventOnce() {
    waiting.add(SessionHarness.event(1));
    waiting.add(SessionHarness.event(2));
    waiting.failAll(OfframpFailure.sending("u", "down"), null);
    assertThat(context.emitted).hasSize(2);
    assertThat(waiting.isEmpty()).isTrue();
    waiting.failAll(OfframpFailure.sending("u", "down"), null);
    assertThat(context.emitted).hasSize(2);
  }
}
