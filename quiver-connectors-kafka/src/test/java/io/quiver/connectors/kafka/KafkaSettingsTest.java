package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Value;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static Value onramp(Object... extra) {
    Object[] base = {
      "brokers", Value.array(Value.of("127.0.0.1:9092")),
      "topics", Value.array(Value.of("tremor")),
      "group_id", Value.of("demo")
    };
    Object[] all = new Object[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Value.obj(all);
  }

  @Test
  void onrampDefaultsAreTremors() {
    var settings = KafkaOnrampSettings.of(KafkaOnrampSettings.SPEC.validate(onramp()).config());
    assertThat(settings.retryFailedEvents()).isTrue();
    assertThat(settings.autoCommit()).isTrue();
    Properties p = settings.consumerProperties("c");
    assertThat(p)
        .containsEntry("group.id", "demo")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("session.timeout.ms", "6000")
        .containsEntry("enable.auto.commit", "true")
        .containsEntry("auto.commit.interval.ms", "5000");
  }

  @Test
  void enableAutoCommitFalseIsGuaranteedDelivery() {
    Value config = onramp("rdkafka_options", Value.obj("enable.auto.commit", Value.of("false")));
    var settings = KafkaOnrampSettings.of(KafkaOnrampSettings.SPEC.validate(config).config());
    assertThat(settings.autoCommit()).isFalse();
    assertThat(settings.consumerProperties("c")).containsEntry("enable.auto.commit", "false");
  }

  @Test
  void missingKeysAndRefusedOptionsAreReportedTogether() {
    Value config =
        Value.obj(
            "brokers",
            Value.array(),
            "rdkafka_options",
            Value.obj("statistics.interval.ms", Value.of(1000)));
    List<String> problems =
        KafkaOnrampSettings.SPEC.validate(config).problems().stream()
            .map(ConfigProblem::message)
            .toList();
    assertThat(problems).hasSize(4);
    assertThat(String.join("\n", problems))
        .contains("topics")
        .contains("group_id")
        .contains("give at least one")
        .contains("statistics.interval.ms");
  }

  @Test
  void offrampDefaultsAreTremors() {
    Value config =
        Value.obj(
            "brokers", Value.array(Value.of("127.0.0.1:9092")),
            "topic", Value.of("tremor"),
            "hostname", Value.of("box"));
    var settings = KafkaOfframpSettings.of(KafkaOfframpSettings.SPEC.validate(config).config());
    Properties p = settings.producerProperties();
    assertThat(p)
        .containsEntry("client.id", "tremor-box-0")
        .containsEntry("delivery.timeout.ms", "5000")
        .containsEntry("linger.ms", "0")
        .containsEntry("request.timeout.ms", "5000")
        .containsEntry("max.block.ms", "5000");
    assertThat(settings.key()).isNull();
  }
}
