package io.quiver.runtime.world;

import io.quiver.spi.EpochClock;
import io.quiver.spi.Signal;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks pipelines every {@link #TICK_MS} ms on one daemon thread, so time-based windows close
 * without new events. A tick runs a pipeline through its runner like any event, so it never
 * overlaps one.
 */
final class PipelineTicker {
  /** Logs under the deployment's category, {@link World}. */
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  /** How often pipelines get a {@link Signal.Tick} (Tremor's TICK_MS, src/pipeline.rs). */
  static final long TICK_MS = 100;

  private ScheduledExecutorService ticker;

  /** The pipelines ticked; replaced (never changed) when a binding instance comes or goes. */
  private volatile List<PipelineRunner> runners = List.of();

  /** The pipelines to tick from now on. */
  void update(List<PipelineRunner> pipelines) {
    runners = List.copyOf(pipelines);
  }

  void start(List<PipelineRunner> pipelines) {
    update(pipelines);
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quiver-ticks");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          Signal tick = new Signal.Tick(EpochClock.nowNs());
          for (PipelineRunner r : runners) {
            try {
              r.submitSignal(tick, 1);
            } catch (Throwable t) {
              // a task that throws is never scheduled again: no tick may stop the ticks
              LOG.error("{}: error ticking the pipeline: {}", r.url(), t.toString(), t);
            }
          }
        },
        TICK_MS,
        TICK_MS,
        TimeUnit.MILLISECONDS);
  }

  /** Stops the ticks and waits (up to a second) for one still running. */
  void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        // a tick still running must not reach operators after they are closed
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
