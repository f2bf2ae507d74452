package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PendingClientTest {
  private static Properties props(String servers) {
    Properties p = new Properties();
    p.put("bootstrap.servers", servers);
    p.put("group.id", "g");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return p;
  }

  @Test
  void aRealClientWhoseBrokerNameDoesNotResolveIsWaitedFor() {
    PendingClient<KafkaConsumer<byte[], byte[]>> pending =
        new PendingClient<>("Source::t", props("broker.invalid:9092"), KafkaConsumer::new);
    assertThat(pending.tryNow().tryCreate()).isNull();
    assertThat(pending.unresolved())
        .hasMessageContaining("broker.invalid:9092")
        .isInstanceOf(org.apache.kafka.common.errors.RetriableException.class);
  }

  @Test
  void aResolvableNameMakesTheClientAtOnce() {
    PendingClient<KafkaConsumer<byte[], byte[]>> pending =
        new PendingClient<>("Source::t", props("127.0.0.1:1"), KafkaConsumer::new);
    try (KafkaConsumer<byte[], byte[]> c = pending.tryNow().tryCreate()) {
      assertThat(c).isNotNull();
    }
  }

  @Test
  void triesAgainAtMostOnceASecondAndHandsOutTheClientOnceTheNameResolves() {
    AtomicInteger attempts = new AtomicInteger();
    PendingClient<String> pending =
        new PendingClient<>(
            "Sink::t",
            props("later:9092"),
            p -> {
              if (attempts.incrementAndGet() < 3) {
                throw new KafkaException(
                    "Failed to construct kafka producer",
                    new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
              }
              return "client";
            });
    assertThat(pending.tryCreate()).isNull();
    assertThat(pending.tryCreate()).as("within the second: not tried").isNull();
    assertThat(attempts).hasValue(1);
    long deadline = System.nanoTime() + 5 * PendingClient.RETRY_NS;
    String made = null;
    while (made == null && System.nanoTime() - deadline < 0) {
      made = pending.tryCreate();
    }
    assertThat(made).isEqualTo("client");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void anyOtherFailureIsThrownAtOnce() {
    PendingClient<String> pending =
        new PendingClient<>(
            "Sink::t",
            props("x:1"),
            p -> {
              throw new KafkaException("bad", new ConfigException("Invalid value x for acks"));
            });
    assertThatThrownBy(pending::tryNow).hasMessage("bad");
  }
}
