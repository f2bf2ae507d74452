package io.quiver.connectors.rest.onramp;

import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The rest onramp ({@code type: rest}): an HTTP server, one event per request. Tremor 0.11.12's
 * keys {@code host} and {@code port} (src/source/rest.rs) with its defaults, and Quiver's own
 * limits and TLS.
 */
public final class RestOnrampProvider implements SourceProvider {
  public static final String NAME = "rest";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String TLS = "tls";
  static final String MAX_BODY_SIZE = "max_body_size";
  static final String MAX_HEADER_SIZE = "max_header_size";
  static final String MAX_REQUEST_LINE_LENGTH = "max_request_line_length";
  static final String HEADER_TIMEOUT_MS = "header_timeout_ms";
  static final String REPLY_TIMEOUT_MS = "reply_timeout_ms";
  static final String IDLE_TIMEOUT_MS = "idle_timeout_ms";
  static final String HTTP2 = "http2";

  static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024;
  static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
  static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8 * 1024;
  static final long DEFAULT_HEADER_TIMEOUT_MS = 10_000;
  static final long DEFAULT_REPLY_TIMEOUT_MS = 30_000;
  static final long DEFAULT_IDLE_TIMEOUT_MS = 75_000;

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
                  HOST,
                  ConfigType.STRING,
                  Value.of("0.0.0.0"),
                  "Address to listen on: 0.0.0.0 (Tremor's default) for every interface, 127.0.0.1"
                      + " for local clients only.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  PORT,
                  ConfigType.INTEGER,
                  Value.of(8000),
                  "TCP port to listen on (Tremor's default 8000); 0 picks a free one.")
              .withCheck(Check.between(0, 65_535)),
          ConfigKey.optional(
                  TLS,
                  ConfigType.RECORD,
                  null,
                  "Quiver only: serve https:// with these keys, the same as the ws onramp's"
                      + " ($request.url.scheme is then https).")
              .withFields(ServerTlsSettings.CONFIG),
          ConfigKey.optional(
                  MAX_BODY_SIZE,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_BODY_SIZE),
                  "Quiver only: largest request body in bytes, chunked or not (16 MiB, as the ws"
                      + " onramp's max_message_size: an event is held whole in memory). A request"
                      + " that announces or sends more gets HTTP 413 and the connection is closed.")
              .withCheck(Check.between(0, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  MAX_HEADER_SIZE,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_HEADER_SIZE),
                  "Quiver only: most bytes of request headers (16 KiB, twice nginx's 8 KiB header"
                      + " buffer: big cookies and tokens fit, header floods do not). More gets HTTP"
                      + " 431 and the connection is closed.")
              .withCheck(Check.between(256, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  MAX_REQUEST_LINE_LENGTH,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_REQUEST_LINE_LENGTH),
                  "Quiver only: longest request line (method, target, version) in bytes (8 KiB, as"
                      + " nginx's). A longer one gets HTTP 431 and the connection is closed.")
              .withCheck(Check.between(64, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  HEADER_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_HEADER_TIMEOUT_MS),
                  "Quiver only: milliseconds a client may take from the first byte of a request to"
                      + " the end of its headers (10 s: ample for any real client, short enough that"
                      + " slow-header clients cannot hold connections for long); then it gets HTTP"
                      + " 408 and the connection is closed. 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  REPLY_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_REPLY_TIMEOUT_MS),
                  "Quiver only, linked onramps: milliseconds a request may wait for its reply event"
                      + " (30 s, half of nginx's proxy_read_timeout, so a proxy in front gives up"
                      + " after Quiver answered); then it gets HTTP 504 with a JSON error body and a"
                      + " late reply is dropped. 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  IDLE_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_IDLE_TIMEOUT_MS),
                  "Quiver only: milliseconds a keep-alive connection may wait for its next request"
                      + " with nothing outstanding before it is closed without an answer (75 s,"
                      + " nginx's keepalive_timeout, longer than the 60 s idle timeout of common"
                      + " client pools so they close first). 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
              HTTP2,
              ConfigType.BOOL,
              Value.FALSE,
              "Quiver only: serve HTTP/2 besides HTTP/1.1: h2 chosen by ALPN with tls, in clear"
                  + " text h2c by prior knowledge or Upgrade: h2c. Off by default (Tremor serves"
                  + " HTTP/1.1 only, and the HTTP/1.1 path then has no upgrade check in front)."
                  + " Every stream is a request as over HTTP/1.1, with the same limits except the"
                  + " header timeout; idle_timeout_ms then also closes any connection silent both"
                  + " ways that long."));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new RestOnramp(artefact, settings(config));
  }

  static RestOnrampSettings settings(Config config) {
    return new RestOnrampSettings(
        config.string(HOST),
        (int) config.integer(PORT),
        config.has(TLS) ? ServerTlsSettings.from(config.get(TLS)) : null,
        (int) config.integer(MAX_BODY_SIZE),
        (int) config.integer(MAX_HEADER_SIZE),
        (int) config.integer(MAX_REQUEST_LINE_LENGTH),
        config.integer(HEADER_TIMEOUT_MS),
        config.integer(REPLY_TIMEOUT_MS),
        config.integer(IDLE_TIMEOUT_MS),
        config.bool(HTTP2));
  }
}
