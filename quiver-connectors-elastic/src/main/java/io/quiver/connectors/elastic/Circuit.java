package io.quiver.connectors.elastic;

import io.quiver.spi.SinkContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elastic offramp's circuit breaker: a bulk request that reached no node breaks it (the onramps
 * feeding the offramp pause, {@code qos::wal} holds its log); while broken the nodes are asked
 * ({@code GET /}) once a second, and the first answer, or a bulk request that went through,
 * restores it.
 */
final class Circuit {
  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);
  static final long PROBE_INTERVAL_MS = 1_000;

  private final String url;
  private final SinkContext context;
  private final Supplier<CompletableFuture<Boolean>> ping;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean broken = new AtomicBoolean();
  private ScheduledFuture<?> probing;

  Circuit(
      String url,
      SinkContext context,
      Supplier<CompletableFuture<Boolean>> ping,
      ScheduledExecutorService timer) {
    this.url = url;
    this.context = context;
    this.ping = ping;
    this.timer = timer;
  }

  /** No node could be reached. Any thread. */
  void nodesAway(String error) {
    if (broken.compareAndSet(false, true)) {
      LOG.warn(
          "[Sink::{}] {}: circuit broken, the onramps feeding this offramp pause until a node"
              + " answers",
          url,
          error);
      context.circuitBroken();
      schedule();
    }
  }

  /** A request went through. Any thread. */
  void delivered() {
    restore();
  }

  boolean broken() {
    return broken.get();
  }

  private synchronized void schedule() {
    if (timer.isShutdown()) {
      return;
    }
    probing = timer.schedule(this::probe, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  private void probe() {
    if (!broken.get()) {
      return;
    }
    ping.get()
        .whenComplete(
            (up, error) -> {
              if (Boolean.TRUE.equals(up)) {
                restore();
              } else if (broken.get()) {
                schedule();
              }
            });
  }

  private void restore() {
    if (broken.compareAndSet(true, false)) {
      LOG.info("[Sink::{}] a node answers again: circuit restored", url);
      context.circuitRestored();
    }
  }

  synchronized void close() {
    if (probing != null) {
      probing.cancel(false);
    }
  }
}
