package io.quiver.connectors.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.quiver.spi.LogThrottle;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector's connection to the broker, kept up from the connector's own thread: {@link #await}
 * connects (retrying once a second while the broker does not answer, so a deployment starts without
 * its broker, as Tremor's does); after a loss the client recovers the connection, its channels,
 * queues, bindings and consumers by itself. Losses (false) and recoveries (true) are reported to
 * {@code status} from the client's threads.
 */
final class AmqpLink {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpLink.class);
  private static final long RETRY_MS = 1_000;

  private final String url;
  private final String addr;
  private final ConnectionFactory factory = new ConnectionFactory();
  private final Consumer<Boolean> status;
  private final LogThrottle failures = new LogThrottle(LogThrottle.TEN_SECONDS);
  private volatile Connection connection;

  AmqpLink(String url, String addr, Consumer<Boolean> status) throws Exception {
    this.url = url;
    this.addr = AmqpAddress.redacted(addr);
    this.status = status;
    factory.setUri(addr);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(1_000L);
    factory.setConnectionTimeout(2_000);
    factory.setRequestedHeartbeat(10);
  }

  /**
   * The connection, connecting first when there is none; null once {@code running} turns false. On
   * the connector's thread: blocks while it retries.
   */
  Connection await(BooleanSupplier running) throws InterruptedException {
    Connection c = connection;
    if (c != null) {
      return c;
    }
    while (running.getAsBoolean()) {
      try {
        c = factory.newConnection("quiver " + url);
        watch(c);
        connection = c;
        LOG.info("[{}] connected to {}", url, addr);
        status.accept(true);
        return c;
      } catch (java.io.IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
        status.accept(false); // not there yet: a sink breaks its circuit until it is
        long held = failures.admit();
        if (held >= 0) {
          LOG.warn(
              "[{}] cannot connect to the AMQP broker {}: {} (retrying every second){}",
              url,
              addr,
              e.toString(),
              failures.heldBackNote(held));
        }
        Thread.sleep(RETRY_MS);
      }
    }
    return null;
  }

  private void watch(Connection c) {
    c.addShutdownListener(
        cause -> {
          if (!cause.isInitiatedByApplication()) {
            LOG.warn("[{}] lost the AMQP broker {}: {}", url, addr, cause.getMessage());
            status.accept(false);
          }
        });
    if (c instanceof Recoverable r) {
      r.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
              LOG.info("[{}] reconnected to the AMQP broker {}", url, addr);
              status.accept(true);
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
              LOG.debug("[{}] reconnecting to {}", url, addr);
            }
          });
    }
  }

  void close() {
    Connection c = connection;
    if (c == null) {
      return;
    }
    try {
      c.close(1_000);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("[{}] closing the AMQP connection: {}", url, e.toString());
    }
  }
}
