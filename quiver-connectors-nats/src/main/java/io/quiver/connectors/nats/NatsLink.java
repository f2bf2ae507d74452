package io.quiver.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quiver.spi.LogThrottle;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector's connection to NATS, kept up from the connector's own thread: {@link #await}
 * connects (retrying once a second while no server answers, so a deployment starts without its
 * server, as Tremor's does), the client then reconnects by itself after a loss, and when it gives
 * up ({@code max_reconnects}) the next {@link #await} starts over. Connection changes are reported
 * to {@code status} (true: connected) from the client's threads.
 */
final class NatsLink {
  private static final Logger LOG = LoggerFactory.getLogger(NatsLink.class);
  private static final long RETRY_MS = 1_000;

  private final String url;
  private final List<String> hosts;
  private final Options options;
  private final LogThrottle failures = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final Consumer<Boolean> status;
  private volatile Connection connection;

  /**
   * @param url the artefact's url, for log lines
   * @param status told of every connect (true) and disconnect (false)
   */
  NatsLink(String url, List<String> hosts, Options.Builder builder, Consumer<Boolean> status) {
    this.url = url;
    this.hosts = hosts;
    this.status = status;
    this.options =
        builder
            .connectionListener(
                (Connection c, ConnectionListener.Events event) -> {
                  switch (event) {
                    case CONNECTED, RECONNECTED -> {
                      LOG.info("[{}] NATS {}", url, event.getEvent());
                      status.accept(true);
                    }
                    case DISCONNECTED, CLOSED -> {
                      LOG.info("[{}] NATS {}", url, event.getEvent());
                      status.accept(false);
                    }
                    default -> LOG.debug("[{}] NATS {}", url, event.getEvent());
                  }
                })
            .errorListener(new Errors())
            .build();
  }

  /**
   * The open connection, connecting first when there is none (or the client gave up on it); null
   * once {@code running} turns false. On the connector's thread: blocks while it retries.
   */
  Connection await(BooleanSupplier running) throws InterruptedException {
    Connection c = connection;
    if (c != null && c.getStatus() != Connection.Status.CLOSED) {
      return c;
    }
    while (running.getAsBoolean()) {
      try {
        c = Nats.connect(options);
        connection = c;
        return c;
      } catch (java.io.IOException | RuntimeException e) {
        status.accept(false); // not there yet: a sink breaks its circuit until it is
        long held = failures.admit();
        if (held >= 0) {
          LOG.warn(
              "[{}] cannot connect to NATS {}: {} (retrying every second){}",
              url,
              hosts,
              e.toString(),
              failures.heldBackNote(held));
        }
        Thread.sleep(RETRY_MS);
      }
    }
    return null;
  }

  /** The connection, if one was made (it may be reconnecting). */
  Connection current() {
    return connection;
  }

  /** The client's error reports, in our log instead of java.util.logging's. */
  private final class Errors implements ErrorListener {
    private final LogThrottle slow = new LogThrottle(LogThrottle.TEN_SECONDS);

    @Override
    public void errorOccurred(Connection c, String error) {
      LOG.debug("[{}] NATS error: {}", url, error);
    }

    @Override
    public void exceptionOccurred(Connection c, Exception e) {
      LOG.debug("[{}] NATS exception: {}", url, e.toString());
    }

    @Override
    public void slowConsumerDetected(Connection c, io.nats.client.Consumer consumer) {
      long held = slow.admit();
      if (held >= 0) {
        LOG.warn(
            "[{}] slow consumer: the server or client dropped messages this onramp could not"
                + " take in time (NATS core delivers at most once){}",
            url,
            slow.heldBackNote(held));
      }
    }
  }

  void close() {
    Connection c = connection;
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("[{}] closing the NATS connection: {}", url, e.toString());
    }
  }
}
