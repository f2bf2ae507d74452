package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.value.Event;
import org.junit.jupiter.api.Test;

class PercentileOperatorTest {
  static final long UID = 99;

  @Test
  void letsEverythingThroughUntilFailuresLowerTheShare() {
    PercentileOperator op = new PercentileOperator(UID, 100.0, 0.25, 0.125);
    RecordingOutput out = new RecordingOutput();
    // ingest 0xFFFF - 1: r = 0.99998..., passes only at share 1.0
    op.onEvent(BackpressureOperatorTest.event(1, 0xFFFF - 1), out);
    Event sent = out.events.get(0).event();
    assertThat(out.ports()).containsExactly("out");
    assertThat(sent.transactional()).isTrue();
    assertThat(sent.transit().hasOpMeta(UID)).isTrue();

    op.onContraflow(Insight.fail(sent));
    assertThat(op.share()).isEqualTo(0.75);
    op.onEvent(BackpressureOperatorTest.event(2, 0xFFFF - 1), out);
    // r = 0.5 is at most the share: passes
    op.onEvent(BackpressureOperatorTest.event(3, 0xFFFF / 2), out);
    assertThat(out.ports()).containsExactly("out", "overflow", "out");

    op.onContraflow(Insight.ack(sent));
    assertThat(op.share()).isEqualTo(0.875);
    op.onContraflow(Insight.ack(sent, 101));
    assertThat(op.share()).isEqualTo(0.625);
  }

  @Test
  void theShareStaysBetweenZeroAndOne() {
    PercentileOperator op = new PercentileOperator(UID, 100.0, 0.6, 0.6);
    RecordingOutput out = new RecordingOutput();
    op.onEvent(BackpressureOperatorTest.event(1, 1), out);
    Event sent = out.events.get(0).event();

    op.onContraflow(Insight.ack(sent));
    assertThat(op.share()).isEqualTo(1.0);
    op.onContraflow(Insight.fail(sent));
    op.onContraflow(Insight.fail(sent));
    assertThat(op.share()).isEqualTo(0.0);
    // an insight about another operator's event changes nothing
    op.onContraflow(Insight.ack(BackpressureOperatorTest.event(2, 2)));
    assertThat(op.share()).isEqualTo(0.0);
  }
}
