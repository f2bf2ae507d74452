package io.quiver.connectors.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster whether a broker answers (Kafka's admin client, {@code describeCluster}), for
 * the offramp's broken circuit. Blocks up to {@link #TIMEOUT}: called on the offramp's own thread.
 */
class BrokerProbe implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private final Properties props = new Properties();
  private Admin admin;

  /** A probe with the connection settings (brokers, security) of a client's properties. */
  BrokerProbe(Properties client, String topic) {
    client.forEach(
        (k, v) -> {
          String key = k.toString();
          if (key.equals("bootstrap.servers")
              || key.startsWith("security.")
              || key.startsWith("ssl.")
              || key.startsWith("sasl.")
              || key.startsWith("reconnect.")) {
            props.put(key, v);
          }
        });
    props.put("client.id", client.getProperty("client.id", "quiver") + "-probe-" + topic);
    props.put("request.timeout.ms", Long.toString(TIMEOUT.toMillis()));
    props.put("default.api.timeout.ms", Long.toString(TIMEOUT.toMillis()));
  }

  /** Whether a broker of the cluster answered within {@link #TIMEOUT}. */
  boolean reachable() {
    try {
      if (admin == null) {
        admin = Admin.create(props);
      }
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes()
          .get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }
}
