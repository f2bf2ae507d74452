package io.quiver.connectors.tcp;

import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;

/**
 * The tcp onramp ({@code type: tcp}, Tremor 0.11's {@code host} and {@code port},
 * src/source/tcp.rs): a TCP server whose every connection is a stream of bytes through the
 * preprocessors and codec.
 */
public final class TcpOnrampProvider implements SourceProvider {
  public static final String NAME = "tcp";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String TLS = "tls";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(HOST, ConfigType.STRING, "Address to listen on, e.g. 0.0.0.0."),
          ConfigKey.required(PORT, ConfigType.INTEGER, "TCP port to listen on; 0 picks a free one.")
              .withCheck(Check.between(0, 65_535)),
          ConfigKey.optional(
                  TLS,
                  ConfigType.RECORD,
                  null,
                  "Quiver only (Tremor 0.11.12's tcp onramp has no TLS, though its docs list it):"
                      + " serve TLS with these keys, the same as the ws onramp's.")
              .withFields(ServerTlsSettings.CONFIG));

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
    ServerTlsSettings tls = config.has(TLS) ? ServerTlsSettings.from(config.get(TLS)) : null;
    return new TcpOnramp(artefact, config.string(HOST), (int) config.integer(PORT), tls);
  }
}
