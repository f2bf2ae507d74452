package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotsTest {
  @Test
  void atMostTheLimitIsTakenAndAGivenSlotCanBeTakenAgain() {
    Slots slots = new Slots(2);
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isFalse();
    assertThat(slots.taken()).isEqualTo(2);
    slots.give();
    assertThat(slots.taken()).isEqualTo(1);
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isFalse();
  }

  @Test
  void waitingRequestsAreCounted() {
    Slots slots = new Slots(1);
    slots.queued();
    slots.queued();
    assertThat(slots.waiting()).isEqualTo(2);
    slots.dequeued();
    assertThat(slots.waiting()).isEqualTo(1);
  }

  @Test
  void theLimitMustBePositive() {
    assertThatThrownBy(() -> new Slots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
