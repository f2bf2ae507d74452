package io.quiver.connectors.nats;

import io.nats.client.Connection;
import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code nats} offramp: every event (each element of a batch) is encoded and published to
 * {@code subject} as one message per encoded chunk, with the reply subject and headers of its
 * {@code $nats} metadata and the config. Events are queued (bounded: past {@link #HIGH_WATER} their
 * senders are held) and published from a thread of its own.
 *
 * <p>As in Tremor, a transactional event is acked once published (NATS core has no broker
 * acknowledgement) and failed when publishing fails. While the connection is down the circuit is
 * broken (the onramps feeding this offramp pause) and restored on reconnect; what the client took
 * meanwhile waits in its reconnect buffer. An event that cannot be published (a bad reply subject,
 * say) becomes an error event on {@code err} and the next one goes on.
 */
final class NatsSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(NatsSink.class);

  /** Events queued for the publisher thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private final Artefact artefact;
  private final NatsOfframpSettings settings;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Event> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean broken = new AtomicBoolean();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private volatile boolean running = true;
  private SinkContext context;
  private Serializer serializer;
  private NatsLink link;
  private Thread thread;

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
    thread =
        Thread.ofPlatform()
            .name("nats-out-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(this::run);
  }

  /** The connection came (true) or went (false): restores or breaks the circuit. Any thread. */
  private void connected(boolean up) {
    if (up) {
      if (broken.compareAndSet(true, false)) {
        LOG.info("[Sink::{}] NATS connected: circuit restored", artefact.url());
        context.circuitRestored();
      }
    } else if (running && broken.compareAndSet(false, true)) {
      LOG.warn(
          "[Sink::{}] NATS connection lost: circuit broken, the onramps feeding this offramp pause"
              + " until it is back",
          artefact.url());
      context.circuitBroken();
    }
  }

  @Override
  public void onEvent(Event event) {
    outstanding.incrementAndGet();
    queue.add(event);
    if (queue.size() > HIGH_WATER && context.holdOrigin(event)) {
      held.add(event);
    }
  }

  private void run() {
    try {
      Connection c = link.await(() -> running);
      while (running && c != null) {
        Event event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (queue.size() <= HIGH_WATER / 2) {
          Event h;
          while ((h = held.poll()) != null) {
            context.releaseOrigin(h);
          }
        }
        if (c.getStatus() == Connection.Status.CLOSED) {
          c = link.await(() -> running);
        }
        if (event != null) {
          publish(c, event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    } finally {
      outstanding.decrementAndGet();
    }
  }

  private void failed(Event event, Exception e) {
    String message = "failed to send message: " + e.getMessage();
    long heldBack = errors.admit(e.getClass().getName());
    if (heldBack >= 0) {
      LOG.error("[Sink::{}] {}{}", artefact.url(), message, errors.heldBackNote(heldBack));
    }
    context.fail(event);
    Value data = Value.obj("error", Value.of(message), "event_id", Value.of(event.id().toString()));
    context.emit(
        Ports.ERR,
        new Event(
            event.id(),
            event.ingestNs(),
            data,
            Value.obj("error", Value.of(message)),
            event.stream()));
  }

  @Override
  public boolean drained() {
    return outstanding.get() == 0;
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
    Event left;
    while ((left = queue.poll()) != null) {
      context.fail(left);
      outstanding.decrementAndGet();
    }
    Event h;
    while ((h = held.poll()) != null) {
      context.releaseOrigin(h);
    }
  }
}
