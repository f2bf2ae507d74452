package io.quiver.connectors.kafka;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The validated settings of one {@code kafka} offramp (Tremor 0.11.12's keys and defaults,
 * src/sink/kafka.rs).
 *
 * @param brokers bootstrap brokers, {@code host:port}
 * @param topic the topic every event goes to
 * @param hostname the host name in the client id
 * @param key the record key of events whose {@code $kafka.key} is not set, or null
 * @param options the {@code rdkafka_options} as given (validated)
 * @param routeHeader the header that carries each event's reply route token, or null (Quiver)
 * @param replyTimeoutMs how long a routed request waits for its reply (Quiver)
 */
record KafkaOfframpSettings(
    List<String> brokers,
    String topic,
    String hostname,
    String key,
    Map<String, Value> options,
    String routeHeader,
    long replyTimeoutMs) {
  static final String BROKERS = "brokers";
  static final String TOPIC = "topic";
  static final String HOSTNAME = "hostname";
  static final String KEY = "key";
  static final String RDKAFKA_OPTIONS = "rdkafka_options";
  static final String ROUTE_HEADER = "route_header";
  static final String REPLY_TIMEOUT_MS = "reply_timeout_ms";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  BROKERS, ConfigType.STRING_LIST, "Bootstrap brokers, each `host:port`.")
              .withCheck(KafkaOnrampSettings::nonEmptyList),
          ConfigKey.required(TOPIC, ConfigType.STRING, "The topic events are written to.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
              HOSTNAME,
              ConfigType.STRING,
              null,
              "Host name in the client id `tremor-<hostname>-0` (default: this machine's name)."),
          ConfigKey.optional(
              KEY,
              ConfigType.STRING,
              null,
              "Record key of events that carry no `$kafka.key` (default: none, so the client"
                  + " spreads them over the partitions)."),
          ConfigKey.optional(
                  RDKAFKA_OPTIONS,
                  ConfigType.RECORD,
                  Value.EMPTY_OBJECT,
                  "librdkafka options, translated to Kafka's Java client (the table in"
                      + " docs/operations.md, \"Kafka\"); options without an equivalent are"
                      + " refused at start.")
              .withCheck(RdkafkaOptions.check(RdkafkaOptions.Side.PRODUCER)),
          ConfigKey.optional(
                  ROUTE_HEADER,
                  ConfigType.STRING,
                  null,
                  "Quiver: request/reply across machines. Each record gets this header with an"
                      + " opaque route token for its event (the request); a reply that comes back"
                      + " to this process with the token in `$route` reaches the linked onramp"
                      + " connection that asked (docs/operations.md, \"Scaling out\"). Default:"
                      + " none.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  REPLY_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(5000L),
                  "Quiver: with `route_header`, how long a request waits for its reply; then (or"
                      + " at once, when the request could not be delivered) it is answered with an"
                      + " error event on `err` instead.")
              .withCheck(Check.atLeast(1)));

  KafkaOfframpSettings {
    brokers = List.copyOf(brokers);
    options = Map.copyOf(options);
  }

  static KafkaOfframpSettings of(Config config) {
    Value options = config.get(RDKAFKA_OPTIONS);
    String hostname = config.has(HOSTNAME) ? config.string(HOSTNAME) : Hostname.get();
    return new KafkaOfframpSettings(
        config.strings(BROKERS),
        config.string(TOPIC),
        hostname,
        config.has(KEY) ? config.string(KEY) : null,
        options instanceof Value.Obj o ? new java.util.LinkedHashMap<>(o.fields()) : Map.of(),
        config.has(ROUTE_HEADER) ? config.string(ROUTE_HEADER) : null,
        config.integer(REPLY_TIMEOUT_MS));
  }

  /**
   * The producer's properties: Tremor's defaults ({@code message.timeout.ms} 5000, no lingering),
   * then the translated {@code rdkafka_options}; the request and blocking timeouts are kept within
   * the delivery timeout, as the Java client requires.
   */
  Properties producerProperties() {
    Properties p = new Properties();
    p.setProperty("client.id", "tremor-" + hostname + "-0");
    p.setProperty("bootstrap.servers", String.join(",", brokers));
    p.setProperty("delivery.timeout.ms", "5000");
    p.setProperty("linger.ms", "0");
    RdkafkaOptions.apply(options, p);
    long delivery = Long.parseLong(p.getProperty("delivery.timeout.ms"));
    long linger = Long.parseLong(p.getProperty("linger.ms"));
    if (!options.containsKey("request.timeout.ms")) {
      p.setProperty("request.timeout.ms", Long.toString(Math.max(1, delivery - linger)));
    }
    p.setProperty("max.block.ms", Long.toString(delivery));
    p.setProperty("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    p.setProperty("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return p;
  }
}
