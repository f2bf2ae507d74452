package io.quiver.connectors.kafka;

import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka offramp's circuit breaker: a delivery that failed for want of a broker (a retriable
 * error: timeout, network, no leader) breaks it, so the onramps feeding the offramp pause; the
 * offramp's thread then probes the cluster once a second and restores it when a broker answers (or
 * when a record is delivered again). The state and its insights are the {@link
 * io.quiver.spi.queued.QueuedSender}'s {@link io.quiver.spi.queued.Circuit}; this adds Kafka's
 * reading of errors, its probe and its log lines.
 */
final class Circuit {
  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

  private final String url;
  private final io.quiver.spi.queued.Circuit state;
  private final BrokerProbe probe;

  Circuit(String url, io.quiver.spi.queued.Circuit state, BrokerProbe probe) {
    this.url = url;
    this.state = state;
    this.probe = probe;
  }

  /** A delivery failed; breaks the circuit when the error says the brokers are away. Any thread. */
  void failed(Throwable error) {
    if (isBrokerAway(error) && state.breaks()) {
      LOG.warn(
          "[Sink::{}] cannot deliver to the Kafka brokers ({}): circuit broken, the onramps"
              + " feeding this offramp pause until a broker answers",
          url,
          error.toString());
    }
  }

  /** A record was delivered: the brokers are back. Any thread. */
  void delivered() {
    restore();
  }

  /** On the offramp's thread, once a second while broken: asks the cluster. */
  void probe() {
    if (probe.reachable()) {
      restore();
    }
  }

  boolean broken() {
    return state.broken();
  }

  private void restore() {
    if (state.restores()) {
      LOG.info("[Sink::{}] the Kafka brokers answer again: circuit restored", url);
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
