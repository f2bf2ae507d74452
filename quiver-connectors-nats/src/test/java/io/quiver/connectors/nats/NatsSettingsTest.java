package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Options;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {
  private static final Value HOSTS = Value.array(Value.of("127.0.0.1:4222"));

  @Test
  void onrampDefaultsAreTremors() {
    var config =
        NatsOnrampSettings.SPEC.validate(Value.obj("hosts", HOSTS, "subject", Value.of("s")));
    assertThat(config.ok()).isTrue();
    var s = NatsOnrampSettings.of(config.config());
    assertThat(s.hosts()).containsExactly("127.0.0.1:4222");
    assertThat(s.queue()).isNull();
    assertThat(s.options()).isEqualTo(NatsConnectOptions.NONE);
  }

  @Test
  void offrampReadsReplyAndHeaderLists() {
    var config =
        NatsOfframpSettings.SPEC.validate(
            Value.obj(
                "hosts", HOSTS,
                "subject", Value.of("out"),
                "reply", Value.of("back"),
                "headers", Value.obj("a", Value.array(Value.of("1"), Value.of("2")))));
    var s = NatsOfframpSettings.of(config.config());
    assertThat(s.reply()).isEqualTo("back");
    assertThat(s.headers()).isEqualTo(Map.of("a", List.of("1", "2")));
  }

  @Test
  void optionsAreReadWithTremorsPrecedenceAndInvertedEcho() throws Exception {
    var config =
        NatsOnrampSettings.SPEC.validate(
            Value.obj(
                "hosts",
                HOSTS,
                "subject",
                Value.of("s"),
                "options",
                Value.obj(
                    "token", Value.of("t"),
                    "username", Value.of("u"),
                    "password", Value.of("p"),
                    "name", Value.of("n"),
                    "echo", Value.of(true),
                    "max_reconnects", Value.of(3))));
    var o = NatsOnrampSettings.of(config.config()).options();
    Options built = o.builder(List.of("127.0.0.1:4222", "nats://127.0.0.1:4223")).build();
    assertThat(built.getUsername()).isEqualTo("u");
    assertThat(built.getToken()).isNull();
    assertThat(built.isNoEcho()).isTrue();
    assertThat(built.getMaxReconnect()).isEqualTo(3);
    assertThat(built.getConnectionName()).isEqualTo("n");
    assertThat(built.getServers()).hasSize(2);
  }

  @Test
  void badHostsAndOptionsAreAllReported() {
    List<String> problems =
        NatsOnrampSettings.SPEC
            .validate(
                Value.obj(
                    "hosts",
                    Value.array(Value.of("h:1:2"), Value.of("h:0")),
                    "subject",
                    Value.of(""),
                    "options",
                    Value.obj("tls", Value.of("yes"), "bogus", Value.of(1))))
            .problems()
            .stream()
            .map(ConfigProblem::message)
            .toList();
    String all = String.join("\n", problems);
    assertThat(all)
        .contains("Invalid host config: h:1:2")
        .contains("subject")
        .contains("options.tls")
        .contains("bogus");
  }

  @Test
  void hostsWithoutSchemeBecomeNatsUrls() {
    assertThat(NatsConnectOptions.url("127.0.0.1:4222")).isEqualTo("nats://127.0.0.1:4222");
    assertThat(NatsConnectOptions.url("tls://h:1")).isEqualTo("tls://h:1");
  }
}
