package io.quiver.connectors.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.quiver.spi.Artefact;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.PullGate;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code amqp} onramp: declares {@code queue_name}, binds it to {@code exchange} with
 * {@code routing_key} and consumes it; every delivery is one message of one stream. Deliveries come
 * in on the client's thread and wait in a queue bounded by the channel's prefetch ({@link
 * #PREFETCH} unacknowledged deliveries); this onramp's own thread hands them to the runtime, so a
 * paused stream stops the flow at the broker. As in Tremor a delivery is acked once handed over;
 * with {@code guaranteed_delivery} it is acked once its events were acknowledged and requeued when
 * one failed ({@link DeliveryTracker}). The client recovers connection, queue, binding and consumer
 * after a loss; deliveries not acked by then come again from the broker.
 */
final class AmqpSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpSource.class);

  /** Unacknowledged deliveries the broker sends before it waits for acks. */
  static final int PREFETCH = 256;

  private record Delivery(long tag, byte[] body) {}

  /** An ack (true) or fail of an event id, applied on the onramp's thread. */
  private record Outcome(long id, boolean ok) {}

  private final Artefact artefact;
  private final AmqpOnrampSettings settings;
  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>(PREFETCH);
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final DeliveryTracker tracker = new DeliveryTracker();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final PullGate gate = new PullGate();
  private AmqpLink link;
  private SourceContext context;
  private Thread thread;
  private long stream;
  private long nextId;
  private volatile boolean lost;

  AmqpSource(Artefact artefact, AmqpOnrampSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public boolean transactional() {
    return settings.guaranteedDelivery();
  }

  @Override
  public void start(SourceContext context) throws Exception {
    this.context = context;
    this.link =
        new AmqpLink(
            artefact.url(),
            settings.amqpAddr(),
            up -> {
              if (!up) {
                lost = true;
              }
            });
    stream = context.openStream(gate);
    thread =
        Thread.ofPlatform()
            .name("amqp-in-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(this::run);
  }

  private void run() {
    try {
      Channel channel = null;
      while (!gate.closed() && channel == null) {
        Connection c = link.await(() -> !gate.closed());
        if (c == null) {
          return;
        }
        channel = consume(c);
      }
      while (!gate.closed()) {
        applyOutcomes(channel);
        if (!gate.awaitOpen()) {
          return;
        }
        Delivery d = deliveries.poll(100, TimeUnit.MILLISECONDS);
        if (d != null && gate.accepting()) {
          forgetIfLost();
          hand(channel, d);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Declares, binds and consumes; null (after a log line) when the broker refused. */
  private Channel consume(Connection c) throws InterruptedException {
    try {
      Channel ch = c.createChannel();
      ch.basicQos(PREFETCH);
      String q = settings.queueName();
      if (settings.passive()) {
        ch.queueDeclarePassive(q);
      } else if (settings.nowait()) {
        ch.queueDeclareNoWait(
            q, settings.durable(), settings.exclusive(), settings.autoDelete(), null);
      } else {
        ch.queueDeclare(q, settings.durable(), settings.exclusive(), settings.autoDelete(), null);
      }
      if (!settings.exchange().isEmpty()) {
        ch.queueBind(q, settings.exchange(), settings.routingKey());
      }
      ch.basicConsume(q, false, "tremor", new Receiver(ch));
      LOG.info("[Source::{}] consuming queue {}", artefact.url(), q);
      return ch;
    } catch (IOException | RuntimeException e) {
      long held = errors.admit("declare");
      if (held >= 0) {
        LOG.error(
            "[Source::{}] the broker refused queue {}: {} (retrying every second){}",
            artefact.url(),
            settings.queueName(),
            e.getCause() != null ? e.getCause().getMessage() : e.toString(),
            errors.heldBackNote(held));
      }
      Thread.sleep(1_000);
      return null;
    }
  }

  private void hand(Channel channel, Delivery d) {
    long first = nextId;
    int made = Math.max(context.receiveMessage(stream, d.body(), Value.EMPTY_OBJECT), 0);
    nextId += made;
    if (settings.guaranteedDelivery() && made > 0) {
      tracker.sent(d.tag(), first, made);
    } else {
      ack(channel, d.tag());
    }
  }

  private void applyOutcomes(Channel channel) {
    forgetIfLost();
    Outcome o;
    while ((o = outcomes.poll()) != null) {
      if (o.ok()) {
        for (long tag : tracker.ack(o.id())) {
          ack(channel, tag);
        }
      } else {
        long tag = tracker.fail(o.id());
        if (tag >= 0) {
          try {
            channel.basicNack(tag, false, true);
          } catch (IOException | RuntimeException e) {
            LOG.debug("[Source::{}] nack of {}: {}", artefact.url(), tag, e.toString());
          }
        }
      }
    }
  }

  /**
   * After a lost connection the broker requeues every unacked delivery: they come again, and acks
   * of their old tags would be ignored by the recovered channel. Checked before every hand-over, so
   * a delivery that came after the loss is never forgotten with the old ones.
   */
  private void forgetIfLost() {
    if (lost) {
      lost = false;
      tracker.clear();
    }
  }

  private void ack(Channel channel, long tag) {
    try {
      channel.basicAck(tag, false);
    } catch (IOException | RuntimeException e) {
      LOG.debug("[Source::{}] ack of {}: {}", artefact.url(), tag, e.toString());
    }
  }

  @Override
  public void ack(EventId id) {
    outcomes.add(new Outcome(id.event(), true));
  }

  @Override
  public void fail(EventId id) {
    outcomes.add(new Outcome(id.event(), false));
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

  /** The client's consumer: queues each delivery for the onramp's thread. */
  private final class Receiver extends DefaultConsumer {
    Receiver(Channel channel) {
      super(channel);
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      try {
        deliveries.put(new Delivery(envelope.getDeliveryTag(), body));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
