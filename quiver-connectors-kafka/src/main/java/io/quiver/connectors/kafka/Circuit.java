package io.quiver.connectors.kafka;

import io.quiver.spi.SinkContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka offramp's circuit breaker: a delivery that failed for want of a broker (a retriable
 * error: timeout, network, no leader) breaks it, so the onramps feeding the offramp pause; the
 * offramp's thread then probes the cluster once a second and restores it when a broker answers (or
 * when a record is delivered again).
 */
final class Circuit {
  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);
  private static final long PROBE_INTERVAL_NS = 1_000_000_000L;

  private final String url;
  private final SinkContext context;
  private final BrokerProbe probe;
  private final AtomicBoolean broken = new AtomicBoolean();
  private long lastProbeNs;

  Circuit(String url, SinkContext context, BrokerProbe probe) {
    this.url = url;
    this.context = context;
    this.probe = probe;
  }

  /** A delivery failed; breaks the circuit when the error says the brokers are away. Any thread. */
  void failed(Throwable error) {
    if (isBrokerAway(error) && broken.compareAndSet(false, true)) {
      LOG.warn(
          "[Sink::{}] cannot deliver to the Kafka brokers ({}): circuit broken, the onramps"
              + " feeding this offramp pause until a broker answers",
          url,
          error.toString());
      context.circuitBroken();
    }
  }

  /** A record was delivered: the brokers are back. Any thread. */
  void delivered() {
    restore();
  }

  /** On the offramp's thread: while broken, asks the cluster once a second. */
  void probeIfBroken() {
    if (!broken.get()) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastProbeNs < PROBE_INTERVAL_NS) {
      return;
    }
    lastProbeNs = now;
    if (probe.reachable()) {
      restore();
    }
  }

  boolean broken() {
    return broken.get();
  }

  private void restore() {
    if (broken.compareAndSet(true, false)) {
      LOG.info("[Sink::{}] the Kafka brokers answer again: circuit restored", url);
      context.circuitRestored();
    }
  }

  static boolean isBrokerAway(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RetriableException) {
        return true;
      }
    }
    return false;
  }

  void close() {
    probe.close();
  }
}
