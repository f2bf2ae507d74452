package io.quiver.connectors.kafka;

import io.quiver.spi.LogThrottle;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Kafka client whose brokers' names may not resolve yet. Kafka's Java client refuses to be
 * made when no name in {@code bootstrap.servers} resolves ("No resolvable bootstrap urls given in
 * bootstrap.servers"), while librdkafka, Tremor's client, starts and keeps trying: a deployment
 * whose brokers come up later (a docker-compose service, a DNS record not there yet) starts, and
 * its ramps connect once the names resolve. This class gives the owner's thread that behaviour: it
 * tries again at most once every {@link #RETRY_NS}, with a warning at most every ten seconds. Any
 * other failure is thrown as before (a bad option is a configuration error, not a wait).
 *
 * @param <C> the client type (consumer or producer)
 */
final class PendingClient<C> {
  private static final Logger LOG = LoggerFactory.getLogger(PendingClient.class);
  static final long RETRY_NS = 1_000_000_000L;

  /** Why an event could not be sent: no broker name resolves yet. Retriable: breaks the circuit. */
  static final class Unresolved extends RetriableException {
    private static final long serialVersionUID = 1L;

    Unresolved(String servers) {
      super("no name in bootstrap.servers (" + servers + ") resolves yet");
    }
  }

  private final String url;
  private final Properties properties;
  private final Function<Properties, C> factory;
  private final LogThrottle warnings = new LogThrottle(LogThrottle.TEN_SECONDS);
  private long nextAttemptNs = System.nanoTime();
  private C made;

  PendingClient(String url, Properties properties, Function<Properties, C> factory) {
    this.url = url;
    this.properties = properties;
    this.factory = factory;
  }

  /**
   * Tries once on the caller's thread (a ramp's start), so that any failure other than unresolved
   * names fails the start as it did; the client made is handed out by the next {@link #tryCreate}
   * (the owner's thread, started after this returns).
   */
  PendingClient<C> tryNow() {
    made = tryCreate();
    return this;
  }

  /**
   * The client, or null while no broker name resolves or the last attempt was less than a second
   * ago. Called on the owner's thread.
   */
  C tryCreate() {
    if (made != null) {
      C c = made;
      made = null;
      return c;
    }
    long now = System.nanoTime();
    if (now - nextAttemptNs < 0) {
      return null;
    }
    try {
      return factory.apply(properties);
    } catch (KafkaException e) {
      if (!unresolvable(e)) {
        throw e;
      }
      nextAttemptNs = now + RETRY_NS;
      long heldBack = warnings.admit();
      if (heldBack >= 0) {
        LOG.warn(
            "[{}] no Kafka broker name in bootstrap.servers ({}) resolves yet; trying again every"
                + " second (check the names in `brokers` and that the name service knows them){}",
            url,
            servers(),
            warnings.heldBackNote(heldBack));
      }
      return null;
    }
  }

  /** The error an event gets while the client cannot be made. */
  Unresolved unresolved() {
    return new Unresolved(servers());
  }

  private String servers() {
    return properties.getProperty("bootstrap.servers", "");
  }

  static boolean unresolvable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConfigException
          && t.getMessage() != null
          && t.getMessage().contains("No resolvable bootstrap urls")) {
        return true;
      }
    }
    return false;
  }
}
