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
 * The validated settings of one {@code kafka} onramp (Tremor 0.11.12's keys and defaults,
 * src/source/kafka.rs).
 *
 * @param brokers bootstrap brokers, {@code host:port}
 * @param topics topics to subscribe to
 * @param groupId the consumer group
 * @param retryFailedEvents on a fail, seek back to the failed offset (transactional mode only)
 * @param options the {@code rdkafka_options} as given (validated)
 */
record KafkaOnrampSettings(
    List<String> brokers,
    List<String> topics,
    String groupId,
    boolean retryFailedEvents,
    Map<String, Value> options) {
  static final String BROKERS = "brokers";
  static final String TOPICS = "topics";
  static final String GROUP_ID = "group_id";
  static final String RETRY_FAILED_EVENTS = "retry_failed_events";
  static final String RDKAFKA_OPTIONS = "rdkafka_options";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  BROKERS, ConfigType.STRING_LIST, "Bootstrap brokers, each `host:port`.")
              .withCheck(KafkaOnrampSettings::nonEmptyList),
          ConfigKey.required(TOPICS, ConfigType.STRING_LIST, "Topics to subscribe to.")
              .withCheck(KafkaOnrampSettings::nonEmptyList),
          ConfigKey.required(
                  GROUP_ID,
                  ConfigType.STRING,
                  "Consumer group: onramps (in one process or many) with the same group share the"
                      + " topics' partitions.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
              RETRY_FAILED_EVENTS,
              ConfigType.BOOL,
              Value.of(true),
              "With `enable.auto.commit: false` (guaranteed delivery): a failed event makes the"
                  + " onramp seek its partition back to the event's offset, so it and what"
                  + " followed are read again. When false, a failed event counts as done (its"
                  + " offset may be committed)."),
          ConfigKey.optional(
                  RDKAFKA_OPTIONS,
                  ConfigType.RECORD,
                  null,
                  "librdkafka options, translated to Kafka's Java client (the table in"
                      + " docs/operations.md, \"Kafka\"); options without an equivalent are"
                      + " refused at start. `enable.auto.commit: false` turns on guaranteed"
                      + " delivery: offsets are committed only once every event up to them was"
                      + " acknowledged downstream.")
              .withCheck(RdkafkaOptions.check(RdkafkaOptions.Side.CONSUMER)));

  KafkaOnrampSettings {
    brokers = List.copyOf(brokers);
    topics = List.copyOf(topics);
    options = Map.copyOf(options);
  }

  static KafkaOnrampSettings of(Config config) {
    Value options = config.get(RDKAFKA_OPTIONS);
    return new KafkaOnrampSettings(
        config.strings(BROKERS),
        config.strings(TOPICS),
        config.string(GROUP_ID),
        config.bool(RETRY_FAILED_EVENTS),
        options instanceof Value.Obj o ? new java.util.LinkedHashMap<>(o.fields()) : Map.of());
  }

  /**
   * Tremor's guaranteed-delivery switch: transactional when {@code enable.auto.commit} is false.
   */
  boolean autoCommit() {
    Value v = options.get(RdkafkaOptions.ENABLE_AUTO_COMMIT);
    return v == null || !"false".equalsIgnoreCase(RdkafkaOptions.text(v));
  }

  /** The consumer's properties: Tremor's defaults, then the translated {@code rdkafka_options}. */
  Properties consumerProperties(String clientId) {
    Properties p = new Properties();
    p.setProperty("group.id", groupId);
    p.setProperty("client.id", clientId);
    p.setProperty("bootstrap.servers", String.join(",", brokers));
    p.setProperty("session.timeout.ms", "6000");
    p.setProperty("heartbeat.interval.ms", "2000");
    p.setProperty("enable.auto.commit", "true");
    p.setProperty("auto.commit.interval.ms", "5000");
    RdkafkaOptions.apply(options, p);
    if (!autoCommit()) {
      p.setProperty("enable.auto.commit", "false");
    }
    p.setProperty(
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.setProperty(
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return p;
  }

  static String nonEmptyList(Value v) {
    return v instanceof Value.Arr a && a.items().isEmpty() ? "give at least one" : null;
  }
}
