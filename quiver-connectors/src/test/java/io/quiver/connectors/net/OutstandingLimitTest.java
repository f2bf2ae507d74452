package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutstandingLimitTest {
  /** Records holds and releases; {@code holdable} is what holdOrigin answers. */
  private static final class Holds implements SinkContext {
    final List<String> flow = new ArrayList<>();
    boolean holdable = true;

    @Override
    public Artefact artefact() {
      return new Artefact("out", "01", "tremor://localhost/offramp/out/01", false);
    }

    @Override
    public void emit(String port, Event event) {}

    @Override
    public Serializer newSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Deserializer newDeserializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean holdOrigin(Event event) {
      flow.add("hold " + event.stream());
      return holdable;
    }

    @Override
    public void releaseOrigin(Event event) {
      flow.add("release " + event.stream());
    }
  }

  private static Event from(long stream, long n) {
    return new Event(new EventId(1, stream, n), 0, Value.NULL, Value.EMPTY_OBJECT, stream);
  }

  @Test
  void withinTheLimitNobodyIsHeld() {
    Holds holds = new Holds();
    OutstandingLimit limit = new OutstandingLimit(2, holds);
    assertThat(limit.begin(from(1, 0))).isTrue();
    assertThat(limit.begin(from(1, 1))).isTrue();
    assertThat(limit.outstanding()).isEqualTo(2);
    assertThat(holds.flow).isEmpty();
  }

  @Test
  void pastTheLimitEachSenderIsHeldOnceAndAllAreReleasedAtHalf() {
    Holds holds = new Holds();
    OutstandingLimit limit = new OutstandingLimit(2, holds);
    for (int i = 0; i < 4; i++) {
      assertThat(limit.begin(from(1, i))).isTrue();
    }
    assertThat(limit.begin(from(2, 0))).isTrue();
    assertThat(holds.flow).containsExactly("hold 1", "hold 2");
    limit.end();
    limit.end();
    limit.end();
    assertThat(holds.flow).containsExactly("hold 1", "hold 2");
    limit.end(); // 1 outstanding: at most half of 2
    assertThat(holds.flow).containsExactlyInAnyOrder("hold 1", "hold 2", "release 1", "release 2");
    limit.end();
    assertThat(limit.outstanding()).isZero();
  }

  @Test
  void aSenderThatCannotBeHeldIsRefusedPastTwiceTheLimit() {
    Holds holds = new Holds();
    holds.holdable = false;
    OutstandingLimit limit = new OutstandingLimit(1, holds);
    assertThat(limit.begin(from(0, 0))).isTrue();
    assertThat(limit.begin(from(0, 1))).isTrue();
    assertThat(limit.begin(from(0, 2))).isFalse();
    assertThat(limit.outstanding()).isEqualTo(2);
  }

  @Test
  void releaseAllLetsEveryHeldSenderGo() {
    Holds holds = new Holds();
    OutstandingLimit limit = new OutstandingLimit(1, holds);
    limit.begin(from(3, 0));
    limit.begin(from(3, 1));
    limit.releaseAll();
    assertThat(holds.flow).containsExactly("hold 3", "release 3");
  }

  @Test
  void theLimitMustBePositive() {
    assertThatThrownBy(() -> new OutstandingLimit(0, new Holds()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
