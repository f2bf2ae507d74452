package io.quiver.connectors.nats;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated settings of one {@code nats} offramp (Tremor 0.11.12's keys, src/sink/nats.rs).
 *
 * @param hosts servers, {@code host:port}
 * @param subject the subject every message is published to
 * @param reply the reply subject sent with each message unless {@code $nats.reply} names one
 * @param headers headers sent with every message (name to values)
 * @param options connection options
 */
record NatsOfframpSettings(
    List<String> hosts,
    String subject,
    String reply,
    Map<String, List<String>> headers,
    NatsConnectOptions options) {
  static final String SUBJECT = "subject";
  static final String REPLY = "reply";
  static final String HEADERS = "headers";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          NatsOnrampSettings.HOSTS_KEY,
          ConfigKey.required(
                  SUBJECT, ConfigType.STRING, "The subject every message is published to.")
              .withCheck(Check.notEmpty()),
          NatsConnectOptions.KEY,
          ConfigKey.optional(
                  REPLY,
                  ConfigType.STRING,
                  null,
                  "The reply subject sent with every message (`$nats.reply` of an event wins).")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  HEADERS,
                  ConfigType.RECORD,
                  Value.obj(),
                  "Headers sent with every message: name to a list of values (`$nats.headers`"
                      + " of an event adds to them).")
              .withCheck(NatsOfframpSettings::headerLists));

  NatsOfframpSettings {
    hosts = List.copyOf(hosts);
    headers = Map.copyOf(headers);
  }

  static NatsOfframpSettings of(Config config) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (config.get(HEADERS) instanceof Value.Obj o) {
      o.fields()
          .forEach(
              (k, v) -> {
                List<String> values = new ArrayList<>();
                ((Value.Arr) v).items().forEach(item -> values.add(item.asString()));
                headers.put(k, values);
              });
    }
    return new NatsOfframpSettings(
        config.strings(NatsOnrampSettings.HOSTS),
        config.string(SUBJECT),
        config.string(REPLY),
        headers,
        NatsConnectOptions.of(config));
  }

  /**
   * Every header's value is a list of strings, as Tremor's {@code HashMap<String, Vec<String>>}.
   */
  static String headerLists(Value v) {
    if (!(v instanceof Value.Obj o)) {
      return null;
    }
    List<String> bad = new ArrayList<>();
    o.fields()
        .forEach(
            (k, val) -> {
              if (!ConfigType.STRING_LIST.accepts(val)) {
                bad.add(k);
              }
            });
    return bad.isEmpty()
        ? null
        : "the values of " + String.join(", ", bad) + " must be lists of strings";
  }
}
