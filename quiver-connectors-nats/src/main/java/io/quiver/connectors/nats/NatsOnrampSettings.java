package io.quiver.connectors.nats;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.util.List;

/**
 * The validated settings of one {@code nats} onramp (Tremor 0.11.12's keys, src/source/nats.rs).
 *
 * @param hosts servers, {@code host:port}
 * @param subject the subject (wildcards allowed) to subscribe to
 * @param queue the queue group to join, or null
 * @param options connection options
 */
record NatsOnrampSettings(
    List<String> hosts, String subject, String queue, NatsConnectOptions options) {
  static final String HOSTS = "hosts";
  static final String SUBJECT = "subject";
  static final String QUEUE = "queue";

  static final ConfigKey HOSTS_KEY =
      ConfigKey.required(
              HOSTS,
              ConfigType.STRING_LIST,
              "NATS servers, each `host:port` (or a `nats://`/`tls://` URL); the client picks"
                  + " one and fails over to the others.")
          .withCheck(NatsOnrampSettings::hostList);

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          HOSTS_KEY,
          ConfigKey.required(
                  SUBJECT,
                  ConfigType.STRING,
                  "The subject to subscribe to (`*` and `>` wildcards allowed).")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  QUEUE,
                  ConfigType.STRING,
                  null,
                  "Join this queue group: each message goes to one member of the group.")
              .withCheck(Check.notEmpty()),
          NatsConnectOptions.KEY);

  NatsOnrampSettings {
    hosts = List.copyOf(hosts);
  }

  static NatsOnrampSettings of(Config config) {
    return new NatsOnrampSettings(
        config.strings(HOSTS),
        config.string(SUBJECT),
        config.string(QUEUE),
        NatsConnectOptions.of(config));
  }

  /** At least one host, each {@code host}, {@code host:port} with a numeric port, or a URL. */
  static String hostList(Value v) {
    if (!(v instanceof Value.Arr a)) {
      return null;
    }
    if (a.items().isEmpty()) {
      return "give at least one host";
    }
    for (Value item : a.items()) {
      String host = item.asString();
      if (host.contains("://")) {
        continue;
      }
      String[] parts = host.split(":", -1);
      if (host.isEmpty() || parts.length > 2 || (parts.length == 2 && !isPort(parts[1]))) {
        return "Invalid host config: " + host + " (give host:port)";
      }
    }
    return null;
  }

  private static boolean isPort(String s) {
    try {
      int p = Integer.parseInt(s);
      return p > 0 && p < 65536;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
