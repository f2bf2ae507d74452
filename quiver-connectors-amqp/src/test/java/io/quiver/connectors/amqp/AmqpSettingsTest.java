package io.quiver.connectors.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpSettingsTest {
  private static final Value ADDR = Value.of("amqp://guest:guest@127.0.0.1:5672/%2f");

  @Test
  void onrampDefaultsAreTremors() {
    var v =
        AmqpOnrampSettings.SPEC.validate(
            Value.obj(
                "amqp_addr", ADDR,
                "queue_name", Value.of("q"),
                "queue_options", Value.obj("durable", Value.of(true))));
    assertThat(v.ok()).isTrue();
    var s = AmqpOnrampSettings.of(v.config());
    assertThat(s.durable()).isTrue();
    assertThat(s.passive() || s.exclusive() || s.autoDelete() || s.nowait()).isFalse();
    assertThat(s.exchange()).isEmpty();
    assertThat(s.routingKey()).isEmpty();
    assertThat(s.guaranteedDelivery()).isFalse();
  }

  @Test
  void offrampReadsPublishOptionsAndHeaders() {
    var v =
        AmqpOfframpSettings.SPEC.validate(
            Value.obj(
                "amqp_addr", ADDR,
                "exchange", Value.of("x"),
                "publish_options", Value.obj("mandatory", Value.of(true)),
                "headers", Value.obj("h", Value.array(Value.of("1")))));
    var s = AmqpOfframpSettings.of(v.config());
    assertThat(s.mandatory()).isTrue();
    assertThat(s.immediate()).isFalse();
    assertThat(s.exchange()).isEqualTo("x");
    assertThat(s.headers()).isEqualTo(Map.of("h", List.of("1")));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<String> problems =
        AmqpOnrampSettings.SPEC
            .validate(
                Value.obj(
                    "amqp_addr",
                    Value.of("::nope"),
                    "queue_options",
                    Value.obj("durable", Value.of(1), "lazy", Value.of(true))))
            .problems()
            .stream()
            .map(ConfigProblem::message)
            .toList();
    assertThat(String.join("\n", problems))
        .contains("amqp_addr can't be parsed as url")
        .contains("queue_name")
        .contains("queue_options.durable")
        .contains("lazy");
  }

  @Test
  void addressesAreCheckedAndRedactedForLogs() {
    assertThat(AmqpAddress.problem(ADDR)).isNull();
    assertThat(AmqpAddress.problem(Value.of("amqps://h:5671/v"))).isNull();
    assertThat(AmqpAddress.problem(Value.of("http://h")))
        .isEqualTo("the scheme must be amqp or amqps, not http");
    assertThat(AmqpAddress.problem(Value.of("localhost")))
        .startsWith("amqp_addr can't be parsed as url");
    assertThat(AmqpAddress.redacted("amqp://user:secret@h:5672/v")).isEqualTo("amqp://h:5672/v");
  }
}
