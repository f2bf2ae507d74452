package io.quiver.connectors.cloud;

import io.quiver.spi.SinkContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's circuit-breaker insights for a sink whose service went away: {@link #broken} sends one
 * "circuit broken" insight (the sources feeding the sink pause) and starts probing the service's
 * host and port with a TCP connect every {@link #PROBE_INTERVAL_MS} ms on a thread of its own; the
 * first connect that succeeds, or the next request that does ({@link #delivered}), restores it.
 * Thread-safe.
 */
public final class EndpointCircuit {
  static final long PROBE_INTERVAL_MS = 500;
  private static final int PROBE_TIMEOUT_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCircuit.class);

  private final SinkContext context;
  private final String host;
  private final int port;
  private ScheduledExecutorService prober;
  private boolean broken;

  /** For the service at {@code base} (its host and port; 443/80 by scheme when none is given). */
  public EndpointCircuit(SinkContext context, URI base) {
    this.context = context;
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
  }

  public synchronized boolean isBroken() {
    return broken;
  }

  /** The service could not be reached: breaks the circuit (once) and probes until it answers. */
  public synchronized void broken() {
    if (broken) {
      return;
    }
    broken = true;
    LOG.info(
        "[Offramp::{}] {}:{} cannot be reached: circuit broken until it can",
        context.artefact().url(),
        host,
        port);
    context.circuitBroken();
    if (prober == null) {
      prober =
          Executors.newSingleThreadScheduledExecutor(
              r ->
                  Thread.ofPlatform()
                      .name("quiver-probe-" + context.artefact().id())
                      .daemon(true)
                      .unstarted(r));
    }
    prober.scheduleWithFixedDelay(
        this::probe, PROBE_INTERVAL_MS, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  /** A request went through: restores the circuit if it was broken. */
  public void delivered() {
    restore();
  }

  private void probe() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
    } catch (IOException e) {
      return;
    }
    restore();
  }

  private synchronized void restore() {
    if (!broken) {
      return;
    }
    broken = false;
    LOG.info(
        "[Offramp::{}] {}:{} recovered and contactable: circuit restored",
        context.artefact().url(),
        host,
        port);
    // the probe task stops with the executor's queue emptied; a later break schedules anew
    prober.shutdownNow();
    prober = null;
    context.circuitRestored();
  }

  /** Stops probing. */
  public synchronized void close() {
    if (prober != null) {
      prober.shutdownNow();
      prober = null;
    }
  }
}
