package io.quiver.connectors.amqp;

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
 * The validated settings of one {@code amqp} offramp (Tremor 0.11.12's keys, src/sink/amqp.rs; the
 * publish options are lapin's {@code BasicPublishOptions}).
 *
 * @param headers message headers (name to values) sent with every message
 */
record AmqpOfframpSettings(
    String amqpAddr,
    String routingKey,
    String exchange,
    boolean mandatory,
    boolean immediate,
    Map<String, List<String>> headers) {
  static final String ROUTING_KEY = "routing_key";
  static final String EXCHANGE = "exchange";
  static final String PUBLISH_OPTIONS = "publish_options";
  static final String HEADERS = "headers";

  static final ConfigSpec PUBLISH_FIELDS =
      ConfigSpec.of(
          AmqpOnrampSettings.flag(
              "mandatory",
              "Ask the broker to return a message no queue takes (logged, then acked as"
                  + " delivered by the broker's confirm)."),
          AmqpOnrampSettings.flag(
              "immediate",
              "AMQP's immediate flag (RabbitMQ does not implement it and closes the channel)."));

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          AmqpAddress.KEY,
          ConfigKey.optional(
              ROUTING_KEY, ConfigType.STRING, Value.of(""), "The routing key of every message."),
          ConfigKey.optional(
              EXCHANGE,
              ConfigType.STRING,
              Value.of(""),
              "The exchange to publish to; empty: the default exchange, which routes to the queue"
                  + " named by `routing_key`."),
          ConfigKey.required(
                  PUBLISH_OPTIONS, ConfigType.RECORD, "Publish flags (each false when absent).")
              .withFields(PUBLISH_FIELDS),
          ConfigKey.optional(
                  HEADERS,
                  ConfigType.RECORD,
                  Value.obj(),
                  "Headers of every message: name to a list of string values (Tremor 0.11.12"
                      + " declares the key but sends no headers; Quiver sends them).")
              .withCheck(AmqpOfframpSettings::headerLists));

  AmqpOfframpSettings {
    headers = Map.copyOf(headers);
  }

  static AmqpOfframpSettings of(Config config) {
    Config p = config.record(PUBLISH_OPTIONS);
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
    return new AmqpOfframpSettings(
        config.string(AmqpAddress.AMQP_ADDR),
        config.string(ROUTING_KEY),
        config.string(EXCHANGE),
        p.bool("mandatory"),
        p.bool("immediate"),
        headers);
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
