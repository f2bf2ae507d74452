package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.kafka.broker.KafkaBrokerProcess;
import io.quiver.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka onramp -> pipeline -> kafka offramp against a real single-node KRaft broker (its own
 * process): metadata both ways, a malformed record, guaranteed delivery across a broker restart.
 */
class KafkaRoundTripIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static KafkaBrokerProcess broker;
  private static KafkaItClient client;
  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBrokerProcess.startEphemeral(1);
    client = new KafkaItClient(broker.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    if (client != null) {
      client.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void keysHeadersAndTheOnrampsMetadataGoThroughToTheOutputTopic() throws Exception {
    String in = client.topic("in", 1);
    String out = client.topic("out", 1);
    String errs = client.topic("errs", 1);
    try (var deployment =
            KafkaDeployment.start(
                tmp,
                broker.bootstrap(),
                in,
                "g-" + in,
                KafkaDeployment.EARLIEST,
                out,
                errs,
                "select merge event of {\"topic\": $kafka.topic, \"partition\":"
                    + " $kafka.partition, \"offset\": $kafka.offset} end from in into out;");
        var reader = client.reader(out)) {
      client.send(
          in,
          null,
          "k1",
          "{\"n\":1}",
          List.of(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8))));
      client.send(in, null, null, "{\"n\":2}", List.of());
      Await.until("two records in " + out, WITHIN, () -> reader.poll() >= 2);
      ConsumerRecord<byte[], byte[]> first = reader.records.get(0);
      assertThat(new String(first.value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"n\":1,\"topic\":\"" + in + "\",\"partition\":0,\"offset\":0}");
      assertThat(first.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
      assertThat(first.headers().lastHeader("trace").value())
          .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
      ConsumerRecord<byte[], byte[]> second = reader.records.get(1);
      assertThat(second.key()).isNull();
      assertThat(second.headers().toArray()).isEmpty();
      assertThat(new String(second.value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"n\":2,\"topic\":\"" + in + "\",\"partition\":0,\"offset\":1}");
    }
  }

  @Test
  void aMalformedRecordBecomesAnErrorEventAndThePartitionKeepsFlowing() throws Exception {
    String in = client.topic("in", 1);
    String out = client.topic("out", 1);
    String errs = client.topic("errs", 1);
    try (var deployment =
            KafkaDeployment.start(
                tmp,
                broker.bootstrap(),
                in,
                "g-" + in,
                KafkaDeployment.GD,
                out,
                errs,
                "select event from in into out;");
        var reader = client.reader(out);
        var errors = client.reader(errs)) {
      client.send(in, "{\"n\":1}");
      client.send(in, "{not json");
      client.send(in, "{\"n\":3}");
      Await.until("two good records in " + out, WITHIN, () -> reader.poll() >= 2);
      Await.until("one error in " + errs, WITHIN, () -> errors.poll() >= 1);
      assertThat(reader.values()).containsExactly("{\"n\":1}", "{\"n\":3}");
      assertThat(errors.values().get(0)).contains("\"error\":").contains("\"event_id\":1");
    }
  }

  @Test
  void guaranteedDeliveryLosesNothingAcrossABrokerRestart() throws Exception {
    String in = client.topic("in", 1);
    String out = client.topic("out", 1);
    String errs = client.topic("errs", 1);
    int total = 200;
    try (var deployment =
        KafkaDeployment.start(
            tmp,
            broker.bootstrap(),
            in,
            "g-" + in,
            KafkaDeployment.GD,
            out,
            errs,
            "select event from in into out;")) {
      for (int i = 0; i < total / 2; i++) {
        client.send(in, "{\"n\":" + i + "}");
      }
      broker.kill();
      broker.start();
      for (int i = total / 2; i < total; i++) {
        client.send(in, "{\"n\":" + i + "}");
      }
      try (var reader = client.reader(out)) {
        Set<String> distinct = new HashSet<>();
        Await.until(
            "all " + total + " numbers in " + out,
            Duration.ofSeconds(120),
            () -> {
              reader.poll();
              distinct.clear();
              distinct.addAll(reader.values());
              return distinct.size() >= total;
            });
        for (int i = 0; i < total; i++) {
          assertThat(distinct).contains("{\"n\":" + i + "}");
        }
      }
    }
  }
}
