package io.quiver.connectors.kafka;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.EventId;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code kafka} onramp: consumes the {@code topics} in the consumer group {@code group_id}
 * on a thread of its own ({@link ConsumerLoop}), every record one message of one stream, with
 * Tremor's {@code $kafka} metadata. Transactional (guaranteed delivery) when {@code
 * rdkafka_options} sets {@code enable.auto.commit} to false, as in Tremor: offsets are then
 * committed only once every event up to them was acknowledged.
 */
final class KafkaSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);

  private final Artefact artefact;
  private final KafkaOnrampSettings settings;
  private final Function<Properties, Consumer<byte[], byte[]>> consumers;
  private ConsumerLoop loop;
  private Thread thread;
  private SourceContext context;
  private long stream;

  KafkaSource(Artefact artefact, KafkaOnrampSettings settings) {
    this(artefact, settings, KafkaConsumer::new);
  }

  KafkaSource(
      Artefact artefact,
      KafkaOnrampSettings settings,
      Function<Properties, Consumer<byte[], byte[]>> consumers) {
    this.artefact = artefact;
    this.settings = settings;
    this.consumers = consumers;
  }

  @Override
  public boolean transactional() {
    return !settings.autoCommit();
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
    String clientId = "tremor-" + Hostname.get() + "-" + artefact.url();
    LOG.info("[Source::{}] Starting kafka onramp", artefact.url());
    PendingClient<Consumer<byte[], byte[]>> consumer =
        new PendingClient<>(
                "Source::" + artefact.url(), settings.consumerProperties(clientId), consumers)
            .tryNow();
    ConsumerLoop l = new ConsumerLoop(artefact.url(), settings, consumer, context, transactional());
    stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                l.pause(true);
              }

              @Override
              public void resume() {
                l.pause(false);
              }
            });
    l.stream(stream);
    loop = l;
    thread =
        Thread.ofPlatform()
            .name("kafka-in-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(loop);
  }

  @Override
  public void ack(EventId id) {
    ConsumerLoop l = loop;
    if (l != null) {
      l.ack(id.event());
    }
  }

  @Override
  public void fail(EventId id) {
    ConsumerLoop l = loop;
    if (l != null) {
      l.fail(id.event());
    }
  }

  @Override
  public void stopAccepting() {
    ConsumerLoop l = loop;
    if (l != null) {
      l.stopAccepting();
    }
  }

  @Override
  public void stop() {
    ConsumerLoop l = loop;
    if (l == null) {
      return;
    }
    l.stop();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    context.closeStream(stream);
  }

  /** Records handed to the runtime so far (tests). */
  long records() {
    ConsumerLoop l = loop;
    return l == null ? 0 : l.records();
  }
}
