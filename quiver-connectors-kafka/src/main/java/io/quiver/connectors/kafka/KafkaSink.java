package io.quiver.connectors.kafka;

import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.ReplyRoutes;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code kafka} offramp: every event (each element of a batch) is encoded and written to
 * {@code topic} as one record per encoded chunk, with the key, headers and partition of its {@code
 * $kafka} metadata. The Java producer may block (metadata, a full buffer), so events are queued
 * (bounded: past {@link #HIGH_WATER} their senders are held) and sent from a thread of its own (a
 * {@link QueuedSender}).
 *
 * <p>An event is acked once the broker acknowledged all its records and failed when one could not
 * be delivered (within {@code message.timeout.ms}); a delivery that fails for want of a broker
 * breaks the circuit (the onramps feeding it pause) until {@link BrokerProbe} reaches one again.
 *
 * <p>With {@code route_header} each event is a request: a route is opened for it in {@link
 * ReplyRoutes} and its token sent in that header; a request whose reply does not come back within
 * {@code reply_timeout_ms}, or that could not be delivered, is answered with an error event on
 * {@code err} (Tremor's error JSON, with the request's id and stream).
 */
final class KafkaSink implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  /** Events queued for the sender thread beyond which their senders are held. */
  static final int HIGH_WATER = 1024;

  private final Artefact artefact;
  private final KafkaOfframpSettings settings;
  private final Function<Properties, Producer<byte[], byte[]>> producers;
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final ReplyRoutes routes;
  private SinkContext context;
  private QueuedSender sender;
  private PendingClient<Producer<byte[], byte[]>> pendingProducer;
  private Producer<byte[], byte[]> producer;
  private Serializer serializer;
  private Circuit circuit;

  KafkaSink(Artefact artefact, KafkaOfframpSettings settings) {
    this(artefact, settings, KafkaProducer::new);
  }

  KafkaSink(
      Artefact artefact,
      KafkaOfframpSettings settings,
      Function<Properties, Producer<byte[], byte[]>> producers) {
    this(artefact, settings, producers, ReplyRoutes.PROCESS);
  }

  KafkaSink(
      Artefact artefact,
      KafkaOfframpSettings settings,
      Function<Properties, Producer<byte[], byte[]>> producers,
      ReplyRoutes routes) {
    this.artefact = artefact;
    this.settings = settings;
    this.producers = producers;
    this.routes = routes;
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    Properties props = settings.producerProperties();
    this.pendingProducer = new PendingClient<>("Sink::" + artefact.url(), props, producers);
    this.serializer = context.newSerializer();
    this.sender =
        new QueuedSender(
            "kafka-out-" + artefact.id() + "-" + artefact.instance(),
            context,
            SendLimits.holdingPast(HIGH_WATER),
            this);
    this.circuit =
        new Circuit(artefact.url(), sender.circuit(), new BrokerProbe(props, settings.topic()));
    this.producer = pendingProducer.tryCreate();
    if (producer == null) {
      circuit.failed(pendingProducer.unresolved());
    }
    sender.start();
  }

  @Override
  public void onEvent(Event event) {
    sender.offer(event);
  }

  @Override
  public boolean answersLater() {
    return true; // when the broker acknowledged all its records
  }

  @Override
  public void turn() {
    if (producer == null) {
      producer = pendingProducer.tryCreate();
    }
  }

  @Override
  public void probe() {
    circuit.probe();
  }

  /** Sends the records of one event; its ack or fail comes when the last one is answered. */
  @Override
  public void send(Event event) {
    long startNs = System.nanoTime();
    List<Event> elements = event.batch() ? event.elements() : List.of(event);
    Delivery delivery = new Delivery(event, startNs);
    try {
      if (producer == null) {
        throw pendingProducer.unresolved();
      }
      for (Event element : elements) {
        KafkaMeta.Out out = KafkaMeta.read(element.meta(), settings.key());
        if (settings.routeHeader() != null) {
          String token = routes.open(element, settings.replyTimeoutMs(), this::timedOut);
          delivery.routed(token);
          out.headers()
              .add(
                  new RecordHeader(settings.routeHeader(), token.getBytes(StandardCharsets.UTF_8)));
        }
        for (byte[] payload : serializer.serialize(element.data(), element.ingestNs())) {
          ProducerRecord<byte[], byte[]> record =
              new ProducerRecord<>(
                  settings.topic(), out.partition(), out.key(), payload, out.headers());
          delivery.expect();
          try {
            producer.send(record, (metadata, error) -> delivery.answered(error));
          } catch (RuntimeException e) {
            delivery.answered(e); // the callback is not called when send throws
            throw e;
          }
        }
      }
    } catch (Exception e) {
      delivery.error(e);
    }
    delivery.sealed();
  }

  /** The records of one event in flight: answered once, when all are. */
  private final class Delivery {
    private final Event event;
    private final long startNs;
    private final AtomicInteger pending = new AtomicInteger(1); // the sender's own, until sealed
    private volatile Exception error;
    private List<String> tokens;

    Delivery(Event event, long startNs) {
      this.event = event;
      this.startNs = startNs;
    }

    void expect() {
      pending.incrementAndGet();
    }

    /** A route was opened for (an element of) this event; on the sender thread. */
    void routed(String token) {
      if (tokens == null) {
        tokens = new ArrayList<>(1);
      }
      tokens.add(token);
    }

    /** One record was answered: delivered when {@code e} is null. Any thread. */
    void answered(Exception e) {
      if (e != null) {
        error = e;
      }
      done();
    }

    /** The event could not be encoded or sent (nothing more of it goes out). */
    void error(Exception e) {
      error = e;
    }

    void sealed() {
      done();
    }

    private void done() {
      if (pending.decrementAndGet() > 0) {
        return;
      }
      Exception e = error;
      if (e == null) {
        circuit.delivered();
        if (event.transactional()) {
          context.insight(Insight.ack(event, (System.nanoTime() - startNs) / 1e6));
        }
      } else {
        long heldBack = errors.admit(e.getClass().getName());
        if (heldBack >= 0) {
          LOG.error(
              "[Sink::{}] Error delivering kafka record: {}{}",
              artefact.url(),
              e.toString(),
              errors.heldBackNote(heldBack));
        }
        circuit.failed(e);
        context.fail(event);
        unrouted(e);
      }
      sender.answered();
    }

    /** The requests of an event that was not delivered are answered now, with the error. */
    private void unrouted(Exception e) {
      List<String> open = tokens;
      if (open == null) {
        return;
      }
      for (String token : open) {
        ReplyRoutes.Route route = routes.take(token);
        if (route != null) {
          answerWithError(
              route, "Error sending request to kafka topic " + settings.topic() + ": " + e);
        }
      }
    }
  }

  /** A request's reply did not come in time: it is answered with an error. Timer thread. */
  private void timedOut(ReplyRoutes.Route route) {
    answerWithError(
        route,
        "Error receiving reply for request sent to kafka topic "
            + settings.topic()
            + ": no reply within "
            + settings.replyTimeoutMs()
            + " ms");
  }

  private void answerWithError(ReplyRoutes.Route route, String message) {
    LOG.debug("[Sink::{}] request {}: {}", artefact.url(), route.id(), message);
    Value data = Value.obj("error", Value.of(message), "event_id", Value.of(route.id().toString()));
    context.emit(Ports.ERR, route.answer(data, Value.obj("error", Value.of(message))));
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

  /** After the sender thread ended: the producer and the probe are closed. */
  @Override
  public void close() {
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(1));
      }
    } catch (RuntimeException e) {
      LOG.debug("[Sink::{}] closing the producer: {}", artefact.url(), e.toString());
    }
    circuit.close();
  }
}
