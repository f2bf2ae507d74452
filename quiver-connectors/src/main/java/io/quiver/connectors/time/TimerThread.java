package io.quiver.connectors.time;

import io.quiver.spi.Artefact;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon scheduler thread of a timer onramp (named after its artefact), with the two-step
 * stop every timer onramp needs: {@link #stopAccepting} lets nothing new be scheduled, {@link
 * #stop} interrupts what runs and waits briefly for it.
 */
final class TimerThread {
  private static final long STOP_WAIT_MS = 2_000;

  private final ScheduledExecutorService executor;

  /** A started scheduler thread named {@code kind-id-instance}. */
  TimerThread(String kind, Artefact artefact) {
    String name = kind + "-" + artefact.id() + "-" + artefact.instance();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name(name).daemon(true).unstarted(r));
  }

  /** Runs {@code task} every {@code intervalMs}, the first after one interval, fixed delay. */
  void every(long intervalMs, Runnable task) {
    executor.scheduleWithFixedDelay(task, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} once in {@code delayMs}; nothing when the thread is stopping. */
  void once(long delayMs, Runnable task) {
    try {
      executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // stopped meanwhile: nothing more is due
    }
  }

  /** Runs {@code task} on the thread now; nothing when the thread is stopping. */
  void now(Runnable task) {
    once(0, task);
  }

  void stopAccepting() {
    executor.shutdown();
  }

  void stop() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
