package io.quiver.connectors.elastic;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elastic offramp's circuit breaker: a bulk request that reached no node breaks it (the onramps
 * feeding the offramp pause, {@code qos::wal} holds its log); while broken the sink's sender thread
 * asks the nodes ({@code GET /}) once a second, and the first answer, or a bulk request that went
 * through, restores it. The state and its insights are the {@link
 * io.quiver.spi.queued.QueuedSender}'s {@link io.quiver.spi.queued.Circuit}; this adds the probe
 * and the log lines.
 */
final class Circuit {
  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

  /** How long a probe waits for the nodes' answers. */
  private static final long PROBE_WAIT_MS = 10_000;

  private final String url;
  private final io.quiver.spi.queued.Circuit state;
  private final Supplier<CompletableFuture<Boolean>> ping;

  Circuit(
      String url, io.quiver.spi.queued.Circuit state, Supplier<CompletableFuture<Boolean>> ping) {
    this.url = url;
    this.state = state;
    this.ping = ping;
  }

  /** No node could be reached. Any thread. */
  void nodesAway(String error) {
    if (state.breaks()) {
      LOG.warn(
          "[Sink::{}] {}: circuit broken, the onramps feeding this offramp pause until a node"
              + " answers",
          url,
          error);
    }
  }

  /** A request went through. Any thread. */
  void delivered() {
    restore();
  }

  boolean broken() {
    return state.broken();
  }

  /** On the sender thread while broken: asks the nodes, restores when one answers. */
  void probe() {
    try {
      if (Boolean.TRUE.equals(ping.get().get(PROBE_WAIT_MS, TimeUnit.MILLISECONDS))) {
        restore();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("[Sink::{}] probing the nodes: {}", url, e.toString());
    }
  }

  private void restore() {
    if (state.restores()) {
      LOG.info("[Sink::{}] a node answers again: circuit restored", url);
    }
  }
}
