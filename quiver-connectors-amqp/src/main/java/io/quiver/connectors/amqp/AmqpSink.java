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
import io.quiver.spi.queued.ErrorEvent;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code amqp} offramp: every event (each element of a batch) is encoded and published to
 * {@code exchange} with {@code routing_key} and the {@code publish_options}, one message per
 * encoded chunk, with the configured {@code headers}. Events are queued (bounded: past {@link
 * #HIGH_WATER} their senders are held) and published from a thread of its own (a {@link
 * QueuedSender}), on a channel in confirm mode: an event is acked once the broker confirmed all its
 * messages ({@link Confirms}). A message the broker nacks, or that cannot be published, fails its
 * event, which also goes out on {@code err} as an error event (Tremor sends a nacked transactional
 * event there). When the broker goes away the circuit breaks (the onramps feeding this offramp
 * pause) and events whose confirms were outstanding fail; the client reconnects by itself and the
 * circuit is restored.
 */
final class AmqpSink implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpSink.class);

  /** Events queued for the publisher thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private final Artefact artefact;
  private final AmqpOfframpSettings settings;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final AMQP.BasicProperties properties;
  private final Confirms confirms = new Confirms(this::confirmed);
  private SinkContext context;
  private Serializer serializer;
  private AmqpLink link;
  private QueuedSender sender;
  private Channel channel; // the publisher thread's own

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
    this.sender =
        new QueuedSender(
            "amqp-out-" + artefact.id() + "-" + artefact.instance(),
            context,
            SendLimits.holdingPast(HIGH_WATER),
            this);
    sender.start();
  }

  /** The broker came back (true) or went away (false). Any thread. */
  private void connected(boolean up) {
    if (up) {
      if (sender.circuit().restores()) {
        LOG.info("[Sink::{}] circuit restored", artefact.url());
      }
      return;
    }
    confirms.failAll("the connection to the broker was lost");
    if (sender.running() && sender.circuit().breaks()) {
      LOG.warn(
          "[Sink::{}] circuit broken: the onramps feeding this offramp pause until the broker is"
              + " back",
          artefact.url());
    }
  }

  @Override
  public void onEvent(Event event) {
    sender.offer(event);
  }

  /** The publisher thread waits for the broker and a channel before it takes any event. */
  @Override
  public void senderStarted() throws InterruptedException {
    while (sender.running() && channel == null) {
      Connection c = link.await(sender::running);
      if (c == null) {
        return;
      }
      channel = open(c);
    }
  }

  @Override
  public boolean answersLater() {
    return true; // on the broker's confirm
  }

  @Override
  public void send(Event event) {
    if (channel == null) {
      context.fail(event); // stopped while connecting
      sender.answered();
      return;
    }
    publish(channel, event);
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
      context.emit(Ports.ERR, ErrorEvent.of(event, message));
    }
    sender.answered();
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

  /** After the publisher thread ended: the link is closed, what waits for a confirm fails. */
  @Override
  public void close() {
    if (link != null) {
      link.close();
    }
    confirms.failAll("the offramp stopped");
  }
}
