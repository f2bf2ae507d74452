package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconnect schedule on an embedded loop whose clock only moves when the test moves it. */
class ReconnectScheduleTest {
  private static final WsUrl URL = WsUrl.parse("ws://127.0.0.1:9");

  private EmbeddedChannel home;
  private final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void freeze() {
    home = new EmbeddedChannel();
    home.freezeTime();
  }

  @AfterEach
  void close() {
    home.finishAndReleaseAll();
  }

  private ReconnectSchedule schedule(int maxRetries) {
    // no jitter: the delays are exactly 100, 200, 400 (capped at 400) ms
    return new ReconnectSchedule(
        URL, new ReconnectPolicy(100, 2.0, 400, maxRetries, 0.0), home.eventLoop());
  }

  private void advance(long ms) {
    home.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    home.runScheduledPendingTasks();
  }

  @Test
  void anEventMayTryAtOnceBeforeAnyFailure() {
    assertThat(schedule(0).due()).isTrue();
  }

  @Test
  void afterAFailureTheBackgroundAttemptRunsWhenTheDelayIsOverAndNotBefore() {
    ReconnectSchedule s = schedule(0);
    s.afterFailure(attempts::incrementAndGet);
    assertThat(s.due()).isFalse();
    advance(99);
    assertThat(attempts).hasValue(0);
    assertThat(s.due()).isFalse();
    advance(1);
    assertThat(attempts).hasValue(1);
    assertThat(s.due()).isTrue();
  }

  @Test
  void delaysGrowUpToTheMaximumAndASuccessStartsOver() {
    ReconnectSchedule s = schedule(0);
    long[] expected = {100, 200, 400, 400};
    for (long delay : expected) {
      int before = attempts.get();
      s.afterFailure(attempts::incrementAndGet);
      advance(delay - 1);
      assertThat(attempts).as("not before %d ms", delay).hasValue(before);
      advance(1);
      assertThat(attempts).as("after %d ms", delay).hasValue(before + 1);
    }
    s.succeeded();
    s.afterFailure(attempts::incrementAndGet);
    advance(100);
    assertThat(attempts).hasValue(expected.length + 1);
  }

  @Test
  void afterMaxRetriesFailuresInARowNoBackgroundAttemptIsScheduledButAnEventMayTry() {
    ReconnectSchedule s = schedule(2);
    s.afterFailure(attempts::incrementAndGet);
    advance(100);
    assertThat(attempts).as("the first failure is retried in the background").hasValue(1);
    s.afterFailure(attempts::incrementAndGet);
    assertThat(s.due()).as("the second failure in a row gives up: an event may try").isTrue();
    advance(10_000);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void cancelStopsThePendingAttemptAndAllowNowLiftsTheDelay() {
    ReconnectSchedule s = schedule(0);
    s.afterFailure(attempts::incrementAndGet);
    s.cancel();
    advance(1_000);
    assertThat(attempts).hasValue(0);
    s.afterFailure(attempts::incrementAndGet);
    assertThat(s.due()).isFalse();
    s.allowNow();
    assertThat(s.due()).isTrue();
  }

  @Test
  void aNewFailureReplacesThePendingAttempt() {
    ReconnectSchedule s = schedule(0);
    s.afterFailure(attempts::incrementAndGet);
    s.afterFailure(attempts::incrementAndGet);
    advance(1_000);
    assertThat(attempts).as("one timer at a time").hasValue(1);
  }
}
