package io.quiver.connectors.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimerThreadTest {
  private static final Artefact ARTEFACT =
      new Artefact("tick", "01", "tremor://localhost/onramp/tick/01", false);

  @Test
  void tasksRunOnOneNamedDaemonThread() throws Exception {
    TimerThread timer = new TimerThread("metronome", ARTEFACT);
    AtomicReference<Thread> ran = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    timer.now(
        () -> {
          ran.set(Thread.currentThread());
          done.countDown();
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.get().getName()).isEqualTo("metronome-tick-01");
    assertThat(ran.get().isDaemon()).isTrue();
    timer.stop();
  }

  @Test
  void nothingIsScheduledOnceItStopsAccepting() {
    TimerThread timer = new TimerThread("crononome", ARTEFACT);
    timer.stopAccepting();
    // refused quietly, not thrown at the caller (a cron entry rescheduling itself while stopping)
    timer.once(
        0,
        () -> {
          throw new AssertionError("must not run");
        });
    timer.stop();
  }

  @Test
  void stopInterruptsWhatRuns() throws Exception {
    TimerThread timer = new TimerThread("metronome", ARTEFACT);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    timer.now(
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    timer.stop();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
