package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.SinkProvider;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WsConfigTest {
  private static final ConfigSpec ONRAMP = new WsOnrampProvider().configSpec();
  private static final ConfigSpec OFFRAMP = new WsOfframpProvider().configSpec();

  private static java.util.List<String> problems(ConfigSpec spec, Value block) {
    return spec.validate(block).problems().stream().map(ConfigProblem::message).toList();
  }

  @Test
  void bothAreRegisteredAsWsWithTremorsDefaultCodecs() {
    SourceProvider source =
        ServiceLoader.load(SourceProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("ws"))
            .findFirst()
            .orElseThrow();
    SinkProvider sink =
        ServiceLoader.load(SinkProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("ws"))
            .findFirst()
            .orElseThrow();
    assertThat(source.defaultCodec()).isEqualTo("string");
    assertThat(sink.defaultCodec()).isEqualTo("json");
    assertThat(WsOnrampProvider.NAME).isEqualTo("ws");
    assertThat(WsOfframpProvider.NAME).isEqualTo("ws");
  }

  @Test
  void onrampDefaults() {
    var v = ONRAMP.validate(Value.obj("host", Value.of("0.0.0.0"), "port", Value.of(9139)));
    assertThat(v.problems()).isEmpty();
    WsOnrampSettings s = WsOnrampSettings.from(v.config());
    assertThat(s).isEqualTo(new WsOnrampSettings("0.0.0.0", 9139, false, 16 * 1024 * 1024));
  }

  @Test
  void onrampProblems() {
    assertThat(problems(ONRAMP, Value.obj("host", Value.of("0.0.0.0"), "port", Value.of(70000))))
        .containsExactly(
            "invalid value 70000 for configuration port: value must be between 1 and 65535");
    assertThat(problems(ONRAMP, Value.obj("host", Value.of("0.0.0.0"), "port", Value.of(0))))
        .containsExactly(
            "invalid value 0 for configuration port: value must be between 1 and 65535");
    assertThat(problems(ONRAMP, Value.obj("port", Value.of("9139"))))
        .containsExactly(
            "missing required configuration \"host\" which has no default value",
            "invalid value \"9139\" for configuration port: expected an integer");
    assertThat(
            problems(
                ONRAMP,
                Value.obj(
                    "host", Value.of("h"), "port", Value.of(1), "max_message_size", Value.of(0))))
        .containsExactly(
            "invalid value 0 for configuration max_message_size: value must be between 1 and 2147483647");
  }

  @Test
  void offrampDefaults() {
    var v = OFFRAMP.validate(Value.obj("url", Value.of("ws://localhost:8139")));
    assertThat(v.problems()).isEmpty();
    assertThat(WsOfframpSettings.from(v.config()))
        .isEqualTo(WsOfframpSettings.defaults("ws://localhost:8139"));
    WsOfframpSettings d = WsOfframpSettings.defaults("ws://localhost:8139");
    assertThat(d.url().host()).isEqualTo("localhost");
    assertThat(d.url().port()).isEqualTo(8139);
    assertThat(d.session()).isEqualTo(SessionMode.PER_CLIENT);
    assertThat(d.connectTimeoutMs()).isEqualTo(2000);
    assertThat(d.replyTimeoutMs()).isEqualTo(10000);
    assertThat(d.reconnectBackoffMs()).isEqualTo(100);
    assertThat(d.reconnectBackoffMaxMs()).isEqualTo(2000);
    assertThat(d.maxInFlight()).isEqualTo(128);
    assertThat(d.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
  }

  @Test
  void offrampProblems() {
    assertThat(problems(OFFRAMP, Value.obj("binary", Value.FALSE)))
        .containsExactly("missing required configuration \"url\" which has no default value");
    assertThat(problems(OFFRAMP, Value.obj("url", Value.of("http://localhost:8139"))))
        .containsExactly(
            "invalid value \"http://localhost:8139\" for configuration url: the URL must start with ws:// or"
                + " wss://, e.g. ws://localhost:8139");
    assertThat(problems(OFFRAMP, Value.obj("url", Value.of("ws://"))))
        .containsExactly(
            "invalid value \"ws://\" for configuration url: not a valid URL (Expected authority at index 5);"
                + " expected ws://host:port/path");
    assertThat(problems(OFFRAMP, Value.obj("url", Value.of("ws:///path"))))
        .containsExactly(
            "invalid value \"ws:///path\" for configuration url: the URL has no host; expected ws://host:port/path");
    assertThat(
            problems(OFFRAMP, Value.obj("url", Value.of("ws://h"), "session", Value.of("pooled"))))
        .containsExactly(
            "invalid value \"pooled\" for configuration session: value must be one of per_client, shared");
    assertThat(
            problems(OFFRAMP, Value.obj("url", Value.of("ws://h"), "max_in_flight", Value.of(0))))
        .containsExactly(
            "invalid value 0 for configuration max_in_flight: value must be between 1 and 1000000");
    assertThat(
            problems(
                OFFRAMP, Value.obj("url", Value.of("ws://h"), "reply_timeout_ms", Value.of(-1))))
        .containsExactly(
            "invalid value -1 for configuration reply_timeout_ms: value must be at least 0");
  }

  @Test
  void everyKeyIsDocumented() {
    assertThat(ONRAMP.keys()).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
    assertThat(OFFRAMP.keys()).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
    assertThat(OFFRAMP.keys().stream().map(k -> k.name()))
        .containsExactly(
            "url",
            "binary",
            "session",
            "connect_timeout_ms",
            "reply_timeout_ms",
            "reconnect_backoff_ms",
            "reconnect_backoff_max_ms",
            "max_in_flight",
            "max_message_size",
            "ping_interval_ms",
            "pong_timeout_ms",
            "tls",
            "headers",
            "subprotocols",
            "reconnect",
            "close_client_on_upstream_loss",
            "correlation_field",
            "compression");
  }

  @Test
  void wssAndIpv6UrlsParse() {
    WsUrl tls = WsUrl.parse("wss://example.org/socket");
    assertThat(tls.tls()).isTrue();
    assertThat(tls.port()).isEqualTo(443);
    WsUrl v6 = WsUrl.parse("ws://[::1]:9000");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(9000);
  }

  @Test
  void backoffDoublesUpToTheMaximumAndResets() {
    Backoff b = new Backoff(new ReconnectPolicy(100, 2.0, 500, 0, 0.0));
    assertThat(new long[] {b.next(), b.next(), b.next(), b.next(), b.next()})
        .containsExactly(100, 200, 400, 500, 500);
    b.reset();
    assertThat(b.next()).isEqualTo(100);
  }

  private static Value onramp(Object... kv) {
    java.util.LinkedHashMap<String, Value> m = new java.util.LinkedHashMap<>();
    m.put("host", Value.of("h"));
    m.put("port", Value.of(1));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Value) kv[i + 1]);
    }
    return Value.obj(m);
  }

  @Test
  void onrampTlsProblemsAreAllReportedWithDottedNames() {
    assertThat(
            problems(
                ONRAMP,
                onramp("tls", Value.obj("cert", Value.of("missing.pem"), "crt", Value.of("x")))))
        .containsExactly(
            "invalid value {\"cert\":\"missing.pem\",\"crt\":\"x\"} for configuration tls: invalid value"
                + " \"missing.pem\" for configuration tls.cert: file not found; missing required configuration"
                + " \"tls.key\" which has no default value; unknown key tls.crt (known keys: cert, key, cafile,"
                + " client_auth)");
    assertThat(problems(ONRAMP, onramp("tls", Value.of("yes"))))
        .containsExactly(
            "invalid value \"yes\" for configuration tls: expected a record (key: value pairs)");
  }

  @Test
  void clientAuthNeedsACaFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path pem =
        java.nio.file.Files.writeString(dir.resolve("x.pem"), "not checked here");
    Value tls =
        Value.obj(
            "cert",
            Value.of(pem.toString()),
            "key",
            Value.of(pem.toString()),
            "client_auth",
            Value.of("require"));
    assertThat(problems(ONRAMP, onramp("tls", tls)))
        .singleElement()
        .asString()
        .endsWith(
            " for configuration tls: tls.client_auth require needs tls.cafile (the CAs to verify client certificates with)");
  }

  @Test
  void onrampLimitAndKeepaliveProblems() {
    assertThat(
            problems(
                ONRAMP,
                onramp(
                    "ping_interval_ms",
                    Value.of(-1),
                    "pong_timeout_ms",
                    Value.of(0),
                    "send_queue_max_bytes",
                    Value.of(10),
                    "path",
                    Value.of("ws"),
                    "forward_headers",
                    Value.of("Authorization"))))
        .containsExactly(
            "invalid value -1 for configuration ping_interval_ms: value must be at least 0",
            "invalid value 0 for configuration pong_timeout_ms: value must be at least 1",
            "invalid value 10 for configuration send_queue_max_bytes: value must be between 1024 and 2147483647",
            "invalid value \"Authorization\" for configuration forward_headers: expected a list of strings",
            "invalid value \"ws\" for configuration path: value must start with /");
  }

  @Test
  void offrampNestedProblems() {
    assertThat(
            problems(
                OFFRAMP,
                Value.obj(
                    "url", Value.of("wss://h"),
                    "tls", Value.obj("cert", Value.of("missing.pem"), "insecure", Value.of("yes")),
                    "headers", Value.obj("X-A", Value.of(1)),
                    "reconnect", Value.obj("growth_rate", Value.of(0.5), "jitter", Value.of(2)))))
        .containsExactly(
            "invalid value {\"cert\":\"missing.pem\",\"insecure\":\"yes\"} for configuration tls: invalid value"
                + " \"missing.pem\" for configuration tls.cert: file not found; invalid value \"yes\" for"
                + " configuration tls.insecure: expected a boolean (true or false)",
            "invalid value {\"X-A\":1} for configuration headers: the values of X-A must be strings",
            "invalid value {\"growth_rate\":0.5,\"jitter\":2} for configuration reconnect: invalid value 0.5 for"
                + " configuration reconnect.growth_rate: value must be at least 1; invalid value 2 for configuration"
                + " reconnect.jitter: value must be between 0 and 1");
  }

  @Test
  void theReconnectRecordWinsOverTheFlatKeysFieldByField() {
    WsOfframpSettings flat =
        WsOfframpSettings.of(
            Value.obj(
                "url",
                Value.of("ws://h"),
                "reconnect_backoff_ms",
                Value.of(300),
                "reconnect_backoff_max_ms",
                Value.of(900)));
    assertThat(flat.reconnect()).isEqualTo(new ReconnectPolicy(300, 2.0, 900, 0, 0.2));
    WsOfframpSettings nested =
        WsOfframpSettings.of(
            Value.obj(
                "url",
                Value.of("ws://h"),
                "reconnect_backoff_ms",
                Value.of(300),
                "reconnect_backoff_max_ms",
                Value.of(900),
                "reconnect",
                Value.obj(
                    "interval_ms",
                    Value.of(50),
                    "growth_rate",
                    Value.of(3),
                    "max_retries",
                    Value.of(4),
                    "jitter",
                    Value.of(0))));
    assertThat(nested.reconnect()).isEqualTo(new ReconnectPolicy(50, 3.0, 900, 4, 0.0));
  }

  @Test
  void backoffGrowsByTheRateWithJitterInBoundsAndCountsRetries() {
    Backoff b = new Backoff(new ReconnectPolicy(100, 3.0, 1000, 3, 0.2));
    long first = b.next();
    long second = b.next();
    long third = b.next();
    assertThat(first).isBetween(80L, 120L);
    assertThat(second).isBetween(240L, 360L);
    assertThat(third).isBetween(720L, 1080L);
    assertThat(b.exhausted()).isTrue();
    b.reset();
    assertThat(b.exhausted()).isFalse();
  }

  @Test
  void onrampKeysInOrder() {
    assertThat(ONRAMP.keys().stream().map(k -> k.name()))
        .containsExactly(
            "host",
            "port",
            "buffer_across_messages",
            "max_message_size",
            "ping_interval_ms",
            "pong_timeout_ms",
            "max_connections",
            "idle_timeout_ms",
            "send_queue_max_bytes",
            "slow_reader_timeout_ms",
            "tls",
            "forward_headers",
            "subprotocols",
            "allowed_origins",
            "path",
            "handshake_timeout_ms",
            "max_pending_handshakes",
            "max_accepts_per_second",
            "compression");
  }
}
