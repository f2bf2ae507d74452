package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedEventsTest {
  private static Event event(long source, long n, Transit transit) {
    return new Event(new EventId(source, 0, n), 0, Value.NULL, Value.EMPTY_OBJECT, 0, transit);
  }

  private static final Transit TX = Transit.NONE.withTransactional(true);

  @Test
  void tracksEveryEventPerSourceAsRanges() {
    TrackedEvents t =
        TrackedEvents.NONE
            .plus(event(1, 4, TX))
            .plus(event(2, 9, TX))
            .plus(event(1, 2, TX))
            .plus(event(1, 7, Transit.NONE));
    assertThat(t.transactional()).isTrue();
    assertThat(t.ids())
        .containsExactly(new Transit.TrackedIds(1, 0, 2, 7), new Transit.TrackedIds(2, 0, 9, 9));
    assertThat(TrackedEvents.NONE.plus(event(1, 3, Transit.NONE)).transactional()).isFalse();
  }

  @Test
  void whatAnEventAlreadyTracksComesAlong() {
    Transit batch = TX.withTrackedIds(List.of(new Transit.TrackedIds(3, 0, 10, 20)));
    TrackedEvents t = TrackedEvents.NONE.plus(event(9, 1, batch));
    assertThat(t.ids())
        .containsExactly(new Transit.TrackedIds(3, 0, 10, 20), new Transit.TrackedIds(9, 0, 1, 1));
  }

  @Test
  void mergingAndApplyingKeepsTheBasesOperatorMetadata() {
    TrackedEvents a = TrackedEvents.NONE.plus(event(1, 1, TX));
    TrackedEvents b = TrackedEvents.NONE.plus(event(1, 5, TX));
    Transit base = Transit.NONE.withOpMeta(3, Value.of("op"));
    Transit applied = a.plus(b).applyTo(base);
    assertThat(applied.transactional()).isTrue();
    assertThat(applied.opMeta(3)).isEqualTo(Value.of("op"));
    assertThat(applied.tracked()).containsExactly(new Transit.TrackedIds(1, 0, 1, 5));
    assertThat(a.plus(TrackedEvents.NONE)).isSameAs(a);
    assertThat(TrackedEvents.NONE.applyTo(TX).transactional()).isFalse();
  }
}
