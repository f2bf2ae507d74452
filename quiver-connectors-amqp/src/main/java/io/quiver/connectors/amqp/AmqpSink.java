package io.quiver.connectors.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code amqp} offramp: every event (each element of a batch) is encoded and published to
 * {@code exchange} with {@code routing_key} and the {@code publish_options}, one message per
 * encoded chunk, with the configured {@code headers}. Events are queued (bounded: past {@link
 * #HIGH_WATER} their senders are held) and published from a thread of its own, on a channel in
 * confirm mode: an event is acked once the broker confirmed all its messages ({@link Confirms}). A
 * message the broker nacks, or that cannot be published, fails its event, which also goes out on
 * {@code err} as an error event (Tremor sends a nacked transactional event there). When the broker
 * goes away the circuit breaks (the onramps feeding this offramp pause) and events whose confirms
 * were outstanding fail; the client reconnects by itself and the circuit is restored.
 */
final class AmqpSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpSink.class);

  /** Events queued for the publisher thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private final Artefact artefact;
  private final AmqpOfframpSettings settings;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Event> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean broken = new AtomicBoolean();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final AMQP.BasicProperties properties;
  private final Confirms confirms = new Confirms(this::confirmed);
  private volatile boolean running = true;
  private SinkContext context;
  private Serializer serializer;
  private AmqpLink link;
  private Thread thread;

  AmqpSink(Artefact artefact, AmqpOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
    Map<String, Object> headers = new HashMap<>();
    settings.headers().forEach((k, v) -> headers.put(k, new ArrayList<Object>(v)));
    this.properties =
        new AMQP.BasicProperties.Builder().headers(headers.isEmpty() ? null : headers).build();
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void start(SinkContext context) throws Exception {
    this.context = context;
    this.serializer = context.newSerializer();
    this.link = new AmqpLink(artefact.url(), settings.amqpAddr(), this::connected);
    thread =
        Thread.ofPlatform()
            .name("amqp-out-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(this::run);
  }

  /** The broker came back (true) or went away (false). Any thread. */
  private void connected(boolean up) {
    if (up) {
      if (broken.compareAndSet(true, false)) {
        LOG.info("[Sink::{}] circuit restored", artefact.url());
        context.circuitRestored();
      }
      return;
    }
    confirms.failAll("the connection to the broker was lost");
    if (running && broken.compareAndSet(false, true)) {
      LOG.warn(
          "[Sink::{}] circuit broken: the onramps feeding this offramp pause until the broker is"
              + " back",
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
      Channel channel = null;
      while (running && channel == null) {
        Connection c = link.await(() -> running);
        if (c == null) {
          return;
        }
        channel = open(c);
      }
      while (running) {
        Event event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (queue.size() <= HIGH_WATER / 2) {
          Event h;
          while ((h = held.poll()) != null) {
            context.releaseOrigin(h);
          }
        }
        if (event != null) {
          publish(channel, event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Channel open(Connection c) throws InterruptedException {
    try {
      Channel ch = c.createChannel();
      ch.confirmSelect();
      ch.addConfirmListener(
          (tag, multiple) -> confirms.answer(tag, multiple, null),
          (tag, multiple) -> confirms.answer(tag, multiple, "the broker nacked the message"));
      ch.addReturnListener(
          r -> {
            long heldBack = errors.admit("returned");
            if (heldBack >= 0) {
              LOG.warn(
                  "[Sink::{}] the broker returned a message: {} {} (exchange {}, routing key"
                      + " {}){}",
                  artefact.url(),
                  r.getReplyCode(),
                  r.getReplyText(),
                  r.getExchange(),
                  r.getRoutingKey(),
                  errors.heldBackNote(heldBack));
            }
          });
      return ch;
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("[Sink::{}] cannot open a channel: {}", artefact.url(), e.toString());
      Thread.sleep(1_000);
      return null;
    }
  }

  private void publish(Channel channel, Event event) {
    Confirms.Pending pending = confirms.begin(event);
    try {
      List<Event> elements = event.batch() ? event.elements() : List.of(event);
      for (Event element : elements) {
        for (byte[] payload : serializer.serialize(element.data(), element.ingestNs())) {
          pending.expect(channel.getNextPublishSeqNo());
          channel.basicPublish(
              settings.exchange(),
              settings.routingKey(),
              settings.mandatory(),
              settings.immediate(),
              properties,
              payload);
          pending.published();
        }
      }
    } catch (Exception e) {
      pending.error(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    pending.sealed();
  }

  /** All messages of {@code event} were answered: {@code error} null when all were confirmed. */
  private void confirmed(Event event, long startNs, String error) {
    if (error == null) {
      if (event.transactional()) {
        context.insight(Insight.ack(event, (System.nanoTime() - startNs) / 1e6));
      }
    } else {
      String message = "failed to send message: " + error;
      long heldBack = errors.admit(error);
      if (heldBack >= 0) {
        LOG.error("[Sink::{}] {}{}", artefact.url(), message, errors.heldBackNote(heldBack));
      }
      context.fail(event);
      Value data =
          Value.obj("error", Value.of(message), "event_id", Value.of(event.id().toString()));
      context.emit(
          Ports.ERR,
          new Event(
              event.id(),
              event.ingestNs(),
              data,
              Value.obj("error", Value.of(message)),
              event.stream()));
    }
    outstanding.decrementAndGet();
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
      link.close();
    }
    confirms.failAll("the offramp stopped");
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
