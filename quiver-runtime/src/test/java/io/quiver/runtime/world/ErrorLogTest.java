package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorLogTest {
  private long now = 5;
  private final ErrorLog log = new ErrorLog(() -> now);

  @Test
  void oneLinePerCauseAndIntervalThenTheCountOfWhatWasHeldBack() {
    assertThat(log.admit("a")).isZero();
    assertThat(log.admit("a")).isEqualTo(-1);
    assertThat(log.admit("b")).as("another cause has its own interval").isZero();
    assertThat(log.admit("a")).isEqualTo(-1);

    now += ErrorLog.INTERVAL_NS;

    assertThat(log.admit("a")).isEqualTo(2);
    assertThat(ErrorLog.heldBackNote(2)).isEqualTo(" (2 more like it in the last 10 s)");
    assertThat(ErrorLog.heldBackNote(0)).isEmpty();
    assertThat(log.admit("a")).isEqualTo(-1);
  }

  @Test
  void theCausesItRemembersAreBounded() {
    for (int i = 0; i < ErrorLog.MAX_CAUSES; i++) {
      assertThat(log.admit("cause " + i)).isZero();
    }
    assertThat(log.admit("one more")).isZero();
    // the table was cleared to make room: an old cause logs again at once
    assertThat(log.admit("cause 0")).isZero();
  }
}
