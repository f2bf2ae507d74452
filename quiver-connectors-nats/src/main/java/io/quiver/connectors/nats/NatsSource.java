package io.quiver.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.quiver.spi.Artefact;
import io.quiver.spi.PullGate;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code nats} onramp: subscribes to {@code subject} (in the queue group {@code queue} if
 * given) and hands every message to the runtime as one message of one stream, with Tremor's {@code
 * $nats} metadata. Runs on a thread of its own that pulls from the subscription, so a paused stream
 * (backpressure, a broken circuit downstream) simply stops pulling; the client keeps what arrives
 * meanwhile up to its pending limits (NATS core delivers at most once, as in Tremor). The client
 * resubscribes by itself after a reconnect.
 */
final class NatsSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(NatsSource.class);
  private static final Duration PULL = Duration.ofMillis(100);

  private final Artefact artefact;
  private final NatsOnrampSettings settings;
  private final PullGate gate = new PullGate();
  private NatsLink link;
  private SourceContext context;
  private Thread thread;
  private long stream;

  NatsSource(Artefact artefact, NatsOnrampSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    this.context = context;
    this.link =
        new NatsLink(
            artefact.url(),
            settings.hosts(),
            settings.options().builder(settings.hosts()),
            up -> {});
    stream = context.openStream(gate);
    thread =
        Thread.ofPlatform()
            .name("nats-in-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(this::run);
  }

  private void run() {
    Subscription sub = null;
    Connection subscribedOn = null;
    try {
      while (!gate.closed()) {
        Connection c = link.await(() -> !gate.closed());
        if (c == null) {
          return;
        }
        if (c != subscribedOn) {
          sub = subscribe(c);
          subscribedOn = c;
        }
        if (!gate.awaitOpen()) {
          return;
        }
        Message m;
        try {
          m = sub.nextMessage(PULL);
        } catch (IllegalStateException e) {
          continue; // the connection was closed: the next await starts over
        }
        if (m != null && gate.accepting()) {
          context.receiveMessage(
              stream, m.getData() == null ? new byte[0] : m.getData(), NatsMeta.of(m));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error(
          "[Source::{}] NATS subscription failed, stopping: {}", artefact.url(), e.toString(), e);
    }
  }

  private Subscription subscribe(Connection c) {
    LOG.info(
        "[Source::{}] subscribing to {}{}",
        artefact.url(),
        settings.subject(),
        settings.queue() == null ? "" : " in queue group " + settings.queue());
    return settings.queue() == null
        ? c.subscribe(settings.subject())
        : c.subscribe(settings.subject(), settings.queue());
  }

  @Override
  public void stopAccepting() {
    gate.stopAccepting();
  }

  @Override
  public void stop() {
    gate.close();
    Thread t = thread;
    if (t == null) {
      return;
    }
    try {
      t.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.close();
    context.closeStream(stream);
  }
}
