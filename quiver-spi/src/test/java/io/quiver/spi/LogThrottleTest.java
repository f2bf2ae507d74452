package io.quiver.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  private long now = 5;
  private final LogThrottle log = new LogThrottle(LogThrottle.TEN_SECONDS, 4, () -> now);

  @Test
  void oneLinePerCauseAndIntervalThenTheCountOfWhatWasHeldBack() {
    assertThat(log.admit("a")).isZero();
    assertThat(log.admit("a")).isEqualTo(-1);
    assertThat(log.admit("b")).as("another cause has its own interval").isZero();
    assertThat(log.admit("a")).isEqualTo(-1);

    now += LogThrottle.TEN_SECONDS.toNanos() - 1;
    assertThat(log.admit("a")).as("not quite an interval later").isEqualTo(-1);
    now += 1;

    assertThat(log.admit("a")).isEqualTo(3);
    assertThat(log.heldBackNote(3)).isEqualTo(" (3 more like it in the last 10 s)");
    assertThat(log.heldBackNote(0)).isEmpty();
    assertThat(log.admit("a")).isEqualTo(-1);
  }

  @Test
  void aSingleCauseThrottleNamesItsIntervalInMinutes() {
    LogThrottle warnings = new LogThrottle(Duration.ofMinutes(1), 4, () -> now);
    assertThat(warnings.admit()).isZero();
    assertThat(warnings.admit()).isEqualTo(-1);
    now += Duration.ofMinutes(1).toNanos();
    assertThat(warnings.admit()).isEqualTo(1);
    assertThat(warnings.heldBackNote(1)).isEqualTo(" (1 more like it in the last 1 min)");
  }

  @Test
  void theCausesItRemembersAreBounded() {
    for (int i = 0; i < 4; i++) {
      assertThat(log.admit("cause " + i)).isZero();
    }
    assertThat(log.admit("one more")).isZero();
    // the table was cleared to make room: an old cause logs again at once
    assertThat(log.admit("cause 0")).isZero();
  }
}
