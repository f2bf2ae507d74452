package io.quiver.connectors.nats;

import io.nats.client.Connection;
import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.ErrorEvent;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code nats} offramp: every event (each element of a batch) is encoded and published to
 * {@code subject} as one message per encoded chunk, with the reply subject and headers of its
 * {@code $nats} metadata and the config. Events are queued (bounded: past {@link #HIGH_WATER} their
 * senders are held) and published from a thread of its own (a {@link QueuedSender}).
 *
 * <p>As in Tremor, a transactional event is acked once published (NATS core has no broker
 * acknowledgement) and failed when publishing fails. While the connection is down the circuit is
 * broken (the onramps feeding this offramp pause) and restored on reconnect; what the client took
 * meanwhile waits in its reconnect buffer. An event that cannot be published (a bad reply subject,
 * say) becomes an error event on {@code err} and the next one goes on.
 */
final class NatsSink implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(NatsSink.class);

  /** Events queued for the publisher thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private final Artefact artefact;
  private final NatsOfframpSettings settings;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private Serializer serializer;
  private NatsLink link;
  private QueuedSender sender;
  private Connection connection; // the publisher thread's own

  NatsSink(Artefact artefact, NatsOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void start(SinkContext context) throws Exception {
    this.context = context;
    this.serializer = context.newSerializer();
    this.link =
        new NatsLink(
            artefact.url(),
            settings.hosts(),
            settings.options().builder(settings.hosts()),
            this::connected);
    this.sender =
        new QueuedSender(
            "nats-out-" + artefact.id() + "-" + artefact.instance(),
            context,
            SendLimits.holdingPast(HIGH_WATER),
            this);
    sender.start();
  }

  /** The connection came (true) or went (false): restores or breaks the circuit. Any thread. */
  private void connected(boolean up) {
    if (up) {
      if (sender.circuit().restores()) {
        LOG.info("[Sink::{}] NATS connected: circuit restored", artefact.url());
      }
    } else if (sender.running() && sender.circuit().breaks()) {
      LOG.warn(
          "[Sink::{}] NATS connection lost: circuit broken, the onramps feeding this offramp pause"
              + " until it is back",
          artefact.url());
    }
  }

  @Override
  public void onEvent(Event event) {
    sender.offer(event);
  }

  @Override
  public void senderStarted() throws InterruptedException {
    connection = link.await(sender::running);
  }

  @Override
  public void send(Event event) throws InterruptedException {
    if (connection == null || connection.getStatus() == Connection.Status.CLOSED) {
      connection = link.await(sender::running);
    }
    if (connection == null) {
      context.fail(event); // stopped while connecting
      return;
    }
    publish(connection, event);
  }

  private void publish(Connection c, Event event) {
    long startNs = System.nanoTime();
    try {
      List<Event> elements = event.batch() ? event.elements() : List.of(event);
      for (Event element : elements) {
        NatsMeta.Out out = NatsMeta.read(element.meta(), settings.reply(), settings.headers());
        for (byte[] payload : serializer.serialize(element.data(), element.ingestNs())) {
          c.publish(settings.subject(), out.reply(), out.headers(), payload);
        }
      }
      if (event.transactional()) {
        context.insight(Insight.ack(event, (System.nanoTime() - startNs) / 1e6));
      }
    } catch (Exception e) {
      failed(event, e);
    }
  }

  private void failed(Event event, Exception e) {
    String message = "failed to send message: " + e.getMessage();
    long heldBack = errors.admit(e.getClass().getName());
    if (heldBack >= 0) {
      LOG.error("[Sink::{}] {}{}", artefact.url(), message, errors.heldBackNote(heldBack));
    }
    context.fail(event);
    context.emit(Ports.ERR, ErrorEvent.of(event, message));
  }

  @Override
  public boolean drained() {
    return sender.drained();
  }

  @Override
  public void stop() {
    if (sender != null) {
      sender.stop();
    }
  }

  /** After the publisher thread ended: what the client buffered is flushed, then it is closed. */
  @Override
  public void close() {
    if (link != null) {
      Connection c = link.current();
      if (c != null) {
        try {
          c.flush(java.time.Duration.ofSeconds(1));
        } catch (Exception e) {
          LOG.debug("[Sink::{}] flushing at stop: {}", artefact.url(), e.toString());
        }
      }
      link.close();
    }
  }
}
