package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {

  @Test
  void printsTremorsSourceStreamEventFormat() {
    assertThat(new EventId(1, 0, 9)).hasToString("1:0:9");
    assertThat(new EventId(42, 7, 0)).hasToString("42:7:0");
    assertThat(new EventId(1, 0, Long.MAX_VALUE)).hasToString("1:0:" + Long.MAX_VALUE);
  }

  @Test
  void idsAreValues() {
    assertThat(new EventId(1, 0, 9))
        .isEqualTo(new EventId(1, 0, 9))
        .isNotEqualTo(new EventId(2, 0, 9));
  }

  @Test
  void eventKeepsItsIdStreamAndIngestTimeWhenItsDataChanges() {
    Event e = new Event(new EventId(1, 0, 3), 99L, Value.of("snot"), null, 5);
    Event changed = e.withData(Value.of("badger")).withMeta(Value.obj("binary", Value.TRUE));
    assertThat(e.meta()).isEqualTo(Value.EMPTY_OBJECT);
    assertThat(changed.id()).isEqualTo(e.id());
    assertThat(changed.stream()).isEqualTo(5);
    assertThat(changed.ingestNs()).isEqualTo(99L);
    assertThat(changed.metaField("binary")).isEqualTo(Value.TRUE);
    assertThat(changed.data()).isEqualTo(Value.of("badger"));
  }
}
