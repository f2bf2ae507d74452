package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class RdkafkaOptionsTest {
  private static String problem(RdkafkaOptions.Side side, Object... kv) {
    return RdkafkaOptions.check(side).problem(Value.obj(kv));
  }

  @Test
  void translatedOptionsPassAndSetTheirJavaProperties() {
    Map<String, Value> options = new LinkedHashMap<>();
    options.put("enable.auto.commit", Value.of(false));
    options.put("auto.offset.reset", Value.of("smallest"));
    options.put("fetch.wait.max.ms", Value.of(50));
    options.put("partition.assignment.strategy", Value.of("roundrobin"));
    assertThat(RdkafkaOptions.check(RdkafkaOptions.Side.CONSUMER).problem(Value.obj(options)))
        .isNull();
    Properties p = new Properties();
    RdkafkaOptions.apply(options, p);
    assertThat(p)
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("fetch.max.wait.ms", "50")
        .containsEntry(
            "partition.assignment.strategy",
            "org.apache.kafka.clients.consumer.RoundRobinAssignor");
  }

  @Test
  void producerOptionsTranslate() {
    Map<String, Value> options =
        Map.of(
            "request.required.acks", Value.of("-1"),
            "queue.buffering.max.kbytes", Value.of("1024"),
            "compression.codec", Value.of("LZ4"));
    Properties p = new Properties();
    RdkafkaOptions.apply(options, p);
    assertThat(p)
        .containsEntry("acks", "all")
        .containsEntry("buffer.memory", Long.toString(1024 * 1024))
        .containsEntry("compression.type", "lz4");
  }

  @Test
  void everyTranslationNamesARealJavaClientProperty() {
    RdkafkaOptions.rules()
        .forEach(
            (name, rule) -> {
              if (rule instanceof RdkafkaOptions.Translation t && !t.javaName().startsWith("(")) {
                String javaName = t.javaName().split(" ")[0];
                boolean known =
                    ConsumerConfig.configNames().contains(javaName)
                        || ProducerConfig.configNames().contains(javaName);
                assertThat(known).as(name + " -> " + javaName).isTrue();
              }
            });
  }

  @Test
  void theOperationsGuideListsEveryOption() throws Exception {
    String guide =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "operations.md"));
    RdkafkaOptions.rules()
        .forEach(
            (name, rule) -> {
              String side = rule.side().name().toLowerCase(java.util.Locale.ROOT);
              assertThat(guide).as(name).contains("| `" + name + "` | " + side + " | ");
            });
  }

  @Test
  void allRefusedOptionsAreReportedAtOnceWithWhatToDoInstead() {
    String problem =
        problem(
            RdkafkaOptions.Side.CONSUMER,
            "debug",
            Value.of("all"),
            "no.such.option",
            Value.of("1"),
            "enable.partition.eof",
            Value.of("true"),
            "acks",
            Value.of("1"));
    assertThat(problem)
        .contains(
            "rdkafka option \"debug\" has no Java client equivalent: client logging is Quiver's")
        .contains("rdkafka option \"no.such.option\" is not one Quiver translates")
        .contains("rdkafka option \"enable.partition.eof\" = \"true\": true has no Java client")
        .contains("rdkafka option \"acks\" is a producer option; this is the onramp (consumer)");
  }

  @Test
  void badValuesAreRefused() {
    assertThat(problem(RdkafkaOptions.Side.CONSUMER, "session.timeout.ms", Value.of("soon")))
        .isEqualTo("rdkafka option \"session.timeout.ms\" = \"soon\": expected a whole number");
    assertThat(problem(RdkafkaOptions.Side.PRODUCER, "compression.codec", Value.of("brotli")))
        .contains("expected one of none, gzip, snappy, lz4, zstd");
    assertThat(
            problem(RdkafkaOptions.Side.PRODUCER, "message.timeout.ms", Value.array(Value.of(1))))
        .isEqualTo("rdkafka option \"message.timeout.ms\" must be a string, number or boolean");
  }
}
