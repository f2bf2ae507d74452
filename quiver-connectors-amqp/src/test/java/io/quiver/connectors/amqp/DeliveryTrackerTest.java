package io.quiver.connectors.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {
  @Test
  void anAckCompletesEveryDeliveryWhoseEventsAreAllCovered() {
    DeliveryTracker t = new DeliveryTracker();
    t.sent(10, 0, 1); // event 0
    t.sent(11, 1, 2); // events 1, 2
    t.sent(12, 3, 1); // event 3
    assertThat(t.ack(1)).containsExactly(10L); // 11 still has event 2 open
    assertThat(t.ack(3)).containsExactly(11L, 12L);
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void aFailNamesTheDeliveryOfTheEventOnce() {
    DeliveryTracker t = new DeliveryTracker();
    t.sent(7, 5, 3);
    assertThat(t.fail(6)).isEqualTo(7);
    assertThat(t.fail(6)).isEqualTo(-1);
    assertThat(t.fail(100)).isEqualTo(-1);
  }

  @Test
  void deliveriesThatMadeNoEventAreNotTrackedAndClearForgetsAll() {
    DeliveryTracker t = new DeliveryTracker();
    t.sent(1, 0, 0);
    assertThat(t.inFlight()).isZero();
    t.sent(2, 0, 1);
    t.clear();
    assertThat(t.ack(10)).isEmpty();
  }
}
