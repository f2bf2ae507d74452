package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link DeadlineTimer} on an embedded loop, whose clock the test advances. */
class DeadlineTimerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger due = new AtomicInteger();
  private final DeadlineTimer timer = new DeadlineTimer(channel.eventLoop(), due::incrementAndGet);

  DeadlineTimerTest() {
    // The embedded loop's clock is the real one plus what after() adds unless frozen: under load
    // real milliseconds passed between two steps and fired deadlines early.
    channel.freezeTime();
  }

  private void after(long ms) {
    channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void runsOnceWhenTheDeadlinePasses() {
    timer.setIn(100);
    after(99);
    assertThat(due).hasValue(0);
    after(1);
    assertThat(due).hasValue(1);
    assertThat(timer.isSet()).isFalse();
    after(1_000);
    assertThat(due).hasValue(1);
  }

  @Test
  void aDeadlineMovedLaterIsWaitedFor() {
    timer.setIn(100);
    for (int i = 0; i < 50; i++) {
      after(10);
      timer.setIn(100); // a request per 10 ms pushes it on
    }
    assertThat(due).hasValue(0);
    after(99);
    assertThat(due).hasValue(0);
    after(1);
    assertThat(due).hasValue(1);
  }

  @Test
  void aClearedDeadlineRunsNothingUntilSetAgain() {
    timer.setIn(100);
    timer.clear();
    after(500);
    assertThat(due).hasValue(0);
    timer.setIn(100);
    after(100);
    assertThat(due).hasValue(1);
  }

  @Test
  void anEarlierDeadlineReplacesTheScheduledTask() {
    timer.setIn(1_000);
    timer.setAt(timer.now() + TimeUnit.MILLISECONDS.toNanos(10));
    after(10);
    assertThat(due).hasValue(1);
    after(2_000);
    assertThat(due).hasValue(1);
  }

  @Test
  void stoppedItNeverRuns() {
    timer.setIn(100);
    timer.stop();
    after(1_000);
    assertThat(due).hasValue(0);
    assertThat(timer.isSet()).isFalse();
  }

  @Test
  void theDueActionMaySetTheNextDeadline() {
    DeadlineTimer[] self = new DeadlineTimer[1];
    self[0] =
        new DeadlineTimer(
            channel.eventLoop(),
            () -> {
              if (due.incrementAndGet() < 3) {
                self[0].setIn(50);
              }
            });
    self[0].setIn(50);
    after(50);
    after(50);
    after(50);
    after(50);
    assertThat(due).hasValue(3);
  }
}
