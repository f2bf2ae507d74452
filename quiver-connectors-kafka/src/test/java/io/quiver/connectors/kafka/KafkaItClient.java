package io.quiver.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ITs' own Kafka clients (Kafka's Java client, outside Quiver): creates topics, produces input
 * records and reads what a deployment wrote.
 */
final class KafkaItClient implements AutoCloseable {
  private final String bootstrap;
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaItClient(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  /** A new topic with a unique name. */
  String topic(String prefix, int partitions) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return name;
  }

  /** Writes one record and waits for the broker's acknowledgement. */
  void send(String topic, Integer partition, String key, String value, List<Header> headers)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topic,
                partition,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                headers))
        .get(30, TimeUnit.SECONDS);
  }

  void send(String topic, String value) throws Exception {
    send(topic, null, null, value, List.of());
  }

  /** A consumer of {@code topic} from its beginning, in a group of its own. */
  Reader reader(String topic) {
    return new Reader(bootstrap, topic);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(2));
  }

  /** Reads a topic from the beginning; {@link #poll} adds what arrived to {@link #records}. */
  static final class Reader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    Reader(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("group.id", "it-reader-" + UUID.randomUUID());
      p.put("auto.offset.reset", "earliest");
      p.put("key.deserializer", ByteArrayDeserializer.class.getName());
      p.put("value.deserializer", ByteArrayDeserializer.class.getName());
      consumer = new KafkaConsumer<>(p);
      consumer.subscribe(List.of(topic));
    }

    /** Polls once (up to 200 ms) and returns how many records were read in all. */
    int poll() {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      return records.size();
    }

    List<String> values() {
      return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
