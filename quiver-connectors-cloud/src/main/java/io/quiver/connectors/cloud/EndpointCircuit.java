package io.quiver.connectors.cloud;

import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.Circuit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's circuit-breaker insights for a sink whose service went away: {@link #broken} breaks the
 * sink's {@link Circuit} (the sources feeding the sink pause); while it is broken the sink's sender
 * thread {@link #probe}s the service's host and port with a TCP connect once a second, and the
 * first connect that succeeds, or the next request that does ({@link #delivered}), restores it.
 * Thread-safe.
 */
public final class EndpointCircuit {
  private static final int PROBE_TIMEOUT_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCircuit.class);

  private final SinkContext context;
  private final Circuit state;
  private final String host;
  private final int port;

  /** For the service at {@code base} (its host and port; 443/80 by scheme when none is given). */
  public EndpointCircuit(SinkContext context, Circuit state, URI base) {
    this.context = context;
    this.state = state;
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
  }

  public boolean isBroken() {
    return state.broken();
  }

  /** The service could not be reached: breaks the circuit (once) until it answers. */
  public void broken() {
    if (state.breaks()) {
      LOG.info(
          "[Offramp::{}] {}:{} cannot be reached: circuit broken until it can",
          context.artefact().url(),
          host,
          port);
    }
  }

  /** A request went through: restores the circuit if it was broken. */
  public void delivered() {
    restore();
  }

  /** On the sender thread while broken: restores the circuit when the service takes a connect. */
  void probe() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
    } catch (IOException e) {
      return;
    }
    restore();
  }

  private void restore() {
    if (state.restores()) {
      LOG.info(
          "[Offramp::{}] {}:{} recovered and contactable: circuit restored",
          context.artefact().url(),
          host,
          port);
    }
  }
}
