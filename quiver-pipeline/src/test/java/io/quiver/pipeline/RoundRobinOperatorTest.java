package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.value.Event;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class RoundRobinOperatorTest {
  static final long UID = 7;

  static Insight about(Event e, Insight.Kind kind) {
    return new Insight(kind, e.id(), e.ingestNs(), e.transit(), Value.EMPTY_OBJECT);
  }

  @Test
  void spreadsEventsAndSkipsAnOutputWhoseCircuitBrokeUntilItIsRestored() {
    RoundRobinOperator op = new RoundRobinOperator(UID, new String[] {"a", "b", "c"});
    RecordingOutput out = new RecordingOutput();
    for (int i = 0; i < 3; i++) {
      op.onEvent(BackpressureOperatorTest.event(i, i), out);
    }
    assertThat(out.ports()).containsExactly("a", "b", "c");
    Event viaB = out.events.get(1).event();
    assertThat(viaB.transit().opMeta(UID)).isEqualTo(Value.of(1));

    Insight left = op.onContraflow(about(viaB, Insight.Kind.CIRCUIT_BROKEN));
    assertThat(left.kind()).isEqualTo(Insight.Kind.NONE); // others are still open
    assertThat(op.isOpen(1)).isFalse();

    out.clear();
    for (int i = 0; i < 4; i++) {
      op.onEvent(BackpressureOperatorTest.event(i, i), out);
    }
    assertThat(out.ports()).containsExactly("a", "c", "a", "c");

    assertThat(op.onContraflow(about(viaB, Insight.Kind.CIRCUIT_RESTORED)).kind())
        .isEqualTo(Insight.Kind.NONE);
    out.clear();
    for (int i = 0; i < 3; i++) {
      op.onEvent(BackpressureOperatorTest.event(i, i), out);
    }
    assertThat(out.ports()).containsExactly("a", "b", "c");
  }

  @Test
  void whenEveryOutputIsClosedEventsOverflowAndTheBreakGoesUpstream() {
    RoundRobinOperator op = new RoundRobinOperator(UID, new String[] {"a", "b"});
    RecordingOutput out = new RecordingOutput();
    op.onEvent(BackpressureOperatorTest.event(1, 1), out);
    op.onEvent(BackpressureOperatorTest.event(2, 2), out);

    assertThat(
            op.onContraflow(about(out.events.get(0).event(), Insight.Kind.CIRCUIT_BROKEN)).kind())
        .isEqualTo(Insight.Kind.NONE);
    assertThat(
            op.onContraflow(about(out.events.get(1).event(), Insight.Kind.CIRCUIT_BROKEN)).kind())
        .isEqualTo(Insight.Kind.CIRCUIT_BROKEN);
    Event a = out.events.get(0).event();
    out.clear();
    op.onEvent(BackpressureOperatorTest.event(3, 3), out);
    assertThat(out.ports()).containsExactly("overflow");

    assertThat(op.onContraflow(about(a, Insight.Kind.CIRCUIT_RESTORED)).kind())
        .isEqualTo(Insight.Kind.CIRCUIT_RESTORED);
  }

  @Test
  void failsDoNotCloseAnOutputAndTheFirstTickRestoresUpstreamOnce() {
    RoundRobinOperator op = new RoundRobinOperator(UID, new String[] {"a", "b"});
    RecordingOutput out = new RecordingOutput();
    op.onEvent(BackpressureOperatorTest.event(1, 1), out);

    Insight fail = about(out.events.get(0).event(), Insight.Kind.FAIL);
    assertThat(op.onContraflow(fail)).isSameAs(fail);
    assertThat(op.isOpen(0)).isTrue();

    op.onSignal(10, out);
    op.onSignal(20, out);
    assertThat(out.insights)
        .extracting(Insight::kind)
        .containsExactly(Insight.Kind.CIRCUIT_RESTORED);
  }
}
