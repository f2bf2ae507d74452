package io.quiver.connectors.tcp;

import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The tcp offramp ({@code type: tcp}, Tremor 0.11's {@code host}, {@code port}, {@code ttl} and
 * {@code is_no_delay}, src/sink/tcp.rs): each event, encoded and postprocessed, is written to one
 * TCP connection.
 */
public final class TcpOfframpProvider implements SinkProvider {
  public static final String NAME = "tcp";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String TTL = "ttl";
  static final String NO_DELAY = "is_no_delay";
  static final String TLS = "tls";
  static final String BACKOFF = "reconnect_backoff_ms";
  static final String BACKOFF_MAX = "reconnect_backoff_max_ms";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
              ConfigKey.required(HOST, ConfigType.STRING, "Host to connect to."),
              ConfigKey.required(PORT, ConfigType.INTEGER, "TCP port to connect to.")
                  .withCheck(Check.between(1, 65_535)),
              ConfigKey.optional(
                      TTL,
                      ConfigType.INTEGER,
                      Value.of(64),
                      "IP time to live of the connection's packets. Accepted as in Tremor; Quiver"
                          + " leaves the operating system's default (usually 64) in place.")
                  .withCheck(Check.between(1, 255)),
              ConfigKey.optional(
                  NO_DELAY,
                  ConfigType.BOOL,
                  Value.TRUE,
                  "Send small writes at once (TCP_NODELAY) instead of gathering them."),
              ConfigKey.optional(
                      TLS,
                      ConfigType.RECORD,
                      null,
                      "Quiver only: connect with TLS, with the keys of the ws offramp's tls record"
                          + " (without it, plain TCP).")
                  .withFields(ClientTlsSettings.CONFIG),
              ConfigKey.optional(
                      BACKOFF,
                      ConfigType.INTEGER,
                      Value.of(100),
                      "Quiver only: milliseconds before the first reconnect after the connection"
                          + " failed or was lost; doubled after each failed attempt.")
                  .withCheck(Check.atLeast(1)),
              ConfigKey.optional(
                      BACKOFF_MAX,
                      ConfigType.INTEGER,
                      Value.of(5_000),
                      "Quiver only: the longest wait between two reconnect attempts.")
                  .withCheck(Check.atLeast(1)))
          .withCheck(
              (c, name) ->
                  c.integer(BACKOFF_MAX) < c.integer(BACKOFF)
                      ? name.apply(BACKOFF_MAX) + " must be at least " + name.apply(BACKOFF)
                      : null);

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
  public Sink create(Artefact artefact, Config config) {
    ClientTlsContext tls =
        config.has(TLS)
            ? new ClientTlsContext(ClientTlsSettings.from(config.get(TLS)), artefact.url())
            : null;
    return new TcpOfframp(
        artefact,
        new TcpTarget(config.string(HOST), (int) config.integer(PORT), config.bool(NO_DELAY)),
        tls,
        config.integer(BACKOFF),
        config.integer(BACKOFF_MAX));
  }
}
