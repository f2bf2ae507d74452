package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The onramp's handshake limit keys and the compression record of both sides. */
class HandshakeAndCompressionConfigTest {
  private static final ConfigSpec ONRAMP = new WsOnrampProvider().configSpec();
  private static final ConfigSpec OFFRAMP = new WsOfframpProvider().configSpec();

  private static Value onramp(Object... kv) {
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("host", Value.of("127.0.0.1"));
    m.put("port", Value.of(1));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Value) kv[i + 1]);
    }
    return Value.obj(m);
  }

  private static List<String> problems(ConfigSpec spec, Value block) {
    return spec.validate(block).problems().stream().map(ConfigProblem::message).toList();
  }

  @Test
  void handshakeLimitsHaveDefaultsAndAreChecked() {
    WsOnrampSettings s = WsOnrampSettings.of(onramp());
    assertThat(s.handshakeTimeoutMs()).isEqualTo(5_000);
    assertThat(s.maxPendingHandshakes()).isEqualTo(1_000);
    assertThat(s.maxAcceptsPerSecond()).isEqualTo(1_000);
    assertThat(s.compression()).isNull();
    assertThat(
            problems(
                ONRAMP,
                onramp(
                    "handshake_timeout_ms", Value.of(-1), "max_pending_handshakes", Value.of(-2))))
        .containsExactly(
            "invalid value -1 for configuration handshake_timeout_ms: value must be at least 0",
            "invalid value -2 for configuration max_pending_handshakes: value must be at least 0");
  }

  @Test
  void compressionIsOffUnlessEnabled() {
    assertThat(
            WsOnrampSettings.of(onramp("compression", Value.obj("level", Value.of(9))))
                .compression())
        .isNull();
    CompressionSettings c =
        WsOnrampSettings.of(
                onramp(
                    "compression",
                    Value.obj(
                        "enabled",
                        Value.TRUE,
                        "server_max_window_bits",
                        Value.of(10),
                        "client_no_context_takeover",
                        Value.TRUE)))
            .compression();
    assertThat(c).isEqualTo(new CompressionSettings(6, 10, 15, false, true));
    assertThat(
            WsOfframpSettings.of(
                    Value.obj(
                        "url",
                        Value.of("ws://127.0.0.1:1"),
                        "compression",
                        Value.obj("enabled", Value.TRUE)))
                .compression())
        .isEqualTo(new CompressionSettings(6, 15, 15, false, false));
  }

  @Test
  void compressionProblemsAreAllReportedWithDottedNames() {
    assertThat(
            problems(
                ONRAMP,
                onramp(
                    "compression",
                    Value.obj(
                        "enabled",
                        Value.TRUE,
                        "server_max_window_bits",
                        Value.of(16),
                        "windw",
                        Value.of(9)))))
        .containsExactly(
            "invalid value {\"enabled\":true,\"server_max_window_bits\":16,\"windw\":9} for configuration compression:"
                + " invalid value 16 for configuration compression.server_max_window_bits: value must be between 8"
                + " and 15; unknown key compression.windw (known keys: enabled, level, server_max_window_bits,"
                + " client_max_window_bits, server_no_context_takeover, client_no_context_takeover)");
    assertThat(
            problems(
                OFFRAMP,
                Value.obj(
                    "url",
                    Value.of("ws://127.0.0.1:1"),
                    "compression",
                    Value.obj("client_no_context_takeover", Value.TRUE))))
        .containsExactly(
            "invalid value {\"client_no_context_takeover\":true} for configuration compression: unknown key"
                + " compression.client_no_context_takeover (known keys: enabled, level, server_max_window_bits,"
                + " server_no_context_takeover)");
  }
}
