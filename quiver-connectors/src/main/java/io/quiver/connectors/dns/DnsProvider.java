package io.quiver.connectors.dns;

import io.quiver.connectors.net.NameResolution;
import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The dns offramp ({@code type: dns}, no configuration in Tremor 0.11; Quiver adds {@code servers}
 * and {@code max_in_flight}): lookups by event, records on {@code out}, errors on {@code err}.
 */
public final class DnsProvider implements SinkProvider {
  public static final String NAME = "dns";

  static final String SERVERS = "servers";
  static final String MAX_IN_FLIGHT = "max_in_flight";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
                  SERVERS,
                  ConfigType.STRING_LIST,
                  null,
                  "Quiver only. The name servers to ask, in order, each an IP address with an"
                      + " optional port (`127.0.0.1:5353`, `[::1]:53`); default: the system's"
                      + " (`/etc/resolv.conf`), as Tremor. The hosts file is read first either"
                      + " way for address lookups.")
              .withCheck(DnsProvider::serversProblem),
          ConfigKey.optional(
                  MAX_IN_FLIGHT,
                  ConfigType.INTEGER,
                  Value.of(1024),
                  "Quiver only. Lookups in progress; beyond it the sending stream is held until"
                      + " half of them are answered.")
              .withCheck(Check.atLeast(1)));

  private static String serversProblem(Value value) {
    if (!(value instanceof Value.Arr list)) {
      return null;
    }
    List<String> bad = new ArrayList<>();
    for (Value v : list.items()) {
      if (v instanceof Value.Str s && NameResolution.server(s.value()) == null) {
        bad.add(s.value());
      }
    }
    return bad.isEmpty()
        ? null
        : "not an IP address with an optional port: "
            + String.join(", ", bad)
            + " (write e.g. 127.0.0.1:5353 or [::1]:53)";
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "null";
  }

  @Override
  public boolean requiresConfig() {
    return false;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String s : config.strings(SERVERS)) {
      servers.add(NameResolution.server(s));
    }
    return new DnsSink(artefact, servers, (int) config.integer(MAX_IN_FLIGHT));
  }
}
