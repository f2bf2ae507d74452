package io.quiver.connectors.kafka;

import io.quiver.spi.config.Check;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Tremor's {@code rdkafka_options}, librdkafka's property names, in terms of Kafka's Java client.
 * Each name Quiver knows either has a {@link Translation} (the Java property or properties it sets)
 * or a {@link Refusal} (why it is refused and what to use instead); any other name is refused too.
 * {@link #check} reports every refused option of one map in one problem, so a deployment lists them
 * all with its other configuration problems at start. The table is {@code docs/operations.md},
 * "Kafka": keep them together.
 */
final class RdkafkaOptions {
  private RdkafkaOptions() {}

  /** Which client an option applies to. */
  enum Side {
    CONSUMER,
    PRODUCER,
    BOTH
  }

  /** What one librdkafka option becomes. */
  sealed interface Rule permits Translation, Refusal {
    Side side();
  }

  /** Sets Java client properties from the option's value (a value it refuses throws). */
  record Translation(Side side, String javaName, BiConsumer<String, Properties> apply)
      implements Rule {}

  /** Refused, with what to do instead. */
  record Refusal(Side side, String instead) implements Rule {}

  /** Options Quiver handles itself (not passed to the client). */
  static final String ENABLE_AUTO_COMMIT = "enable.auto.commit";

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    // both clients
    same(Side.BOTH, "client.id");
    rename(Side.BOTH, "bootstrap.servers", "bootstrap.servers");
    rename(Side.BOTH, "metadata.broker.list", "bootstrap.servers");
    RULES.put(
        "security.protocol",
        new Translation(
            Side.BOTH,
            "security.protocol",
            (v, p) ->
                p.setProperty(
                    "security.protocol",
                    oneOf(v, "plaintext", "ssl", "sasl_plaintext", "sasl_ssl")
                        .toUpperCase(Locale.ROOT))));
    rename(Side.BOTH, "sasl.mechanisms", "sasl.mechanism");
    rename(Side.BOTH, "sasl.mechanism", "sasl.mechanism");
    RULES.put(
        "ssl.ca.location",
        new Translation(
            Side.BOTH,
            "ssl.truststore.location (ssl.truststore.type PEM)",
            (v, p) -> {
              p.setProperty("ssl.truststore.type", "PEM");
              p.setProperty("ssl.truststore.location", v);
            }));
    same(Side.BOTH, "socket.connection.setup.timeout.ms");
    same(Side.BOTH, "reconnect.backoff.ms");
    same(Side.BOTH, "reconnect.backoff.max.ms");
    same(Side.BOTH, "retry.backoff.ms");
    same(Side.BOTH, "retry.backoff.max.ms");
    same(Side.BOTH, "metadata.max.age.ms");
    rename(Side.BOTH, "topic.metadata.refresh.interval.ms", "metadata.max.age.ms");
    same(Side.BOTH, "connections.max.idle.ms");
    rename(Side.BOTH, "socket.send.buffer.bytes", "send.buffer.bytes");
    rename(Side.BOTH, "socket.receive.buffer.bytes", "receive.buffer.bytes");
    same(Side.BOTH, "client.rack");
    refuse(
        Side.BOTH,
        "debug",
        "client logging is Quiver's: raise the level of the logger org.apache.kafka (-v, or a"
            + " logback/log4rs file given with -l)");
    refuse(
        Side.BOTH,
        "statistics.interval.ms",
        "the Java client reports its statistics as JMX metrics (kafka.consumer, kafka.producer)");
    refuse(
        Side.BOTH,
        "sasl.username",
        "SASL credentials are not supported by Quiver's kafka connectors yet; use a PLAINTEXT or"
            + " SSL listener");
    refuse(
        Side.BOTH,
        "sasl.password",
        "SASL credentials are not supported by Quiver's kafka connectors yet; use a PLAINTEXT or"
            + " SSL listener");
    refuse(
        Side.BOTH,
        "ssl.certificate.location",
        "client certificates are not supported by Quiver's kafka connectors yet; ssl.ca.location"
            + " (the broker's CA) is");
    refuse(
        Side.BOTH,
        "ssl.key.location",
        "client certificates are not supported by Quiver's kafka connectors yet; ssl.ca.location"
            + " (the broker's CA) is");
    refuse(
        Side.BOTH,
        "api.version.request",
        "the Java client always negotiates API versions (and needs Kafka 2.1 or newer)");
    refuse(Side.BOTH, "broker.version.fallback", "the Java client always negotiates API versions");

    // consumer
    same(Side.CONSUMER, "group.id");
    same(Side.CONSUMER, "group.instance.id");
    same(Side.CONSUMER, "session.timeout.ms");
    same(Side.CONSUMER, "heartbeat.interval.ms");
    same(Side.CONSUMER, "max.poll.interval.ms");
    RULES.put(
        ENABLE_AUTO_COMMIT,
        new Translation(
            Side.CONSUMER,
            "enable.auto.commit (false: Quiver commits acknowledged offsets itself)",
            (v, p) -> p.setProperty("enable.auto.commit", bool(v))));
    same(Side.CONSUMER, "auto.commit.interval.ms");
    RULES.put(
        "auto.offset.reset",
        new Translation(
            Side.CONSUMER,
            "auto.offset.reset",
            (v, p) -> p.setProperty("auto.offset.reset", offsetReset(v))));
    RULES.put(
        "enable.auto.offset.store",
        new Translation(
            Side.CONSUMER,
            "(none: only true, which is what the Java client does)",
            (v, p) -> {
              if (!bool(v).equals("true")) {
                throw new IllegalArgumentException(
                    "false has no Java client equivalent: set enable.auto.commit to false instead,"
                        + " and Quiver commits only what was acknowledged");
              }
            }));
    RULES.put(
        "enable.partition.eof",
        new Translation(
            Side.CONSUMER,
            "(none: only false; the Java client does not report partition ends)",
            (v, p) -> {
              if (!bool(v).equals("false")) {
                throw new IllegalArgumentException(
                    "true has no Java client equivalent (no partition-end events)");
              }
            }));
    same(Side.CONSUMER, "fetch.min.bytes");
    same(Side.CONSUMER, "fetch.max.bytes");
    rename(Side.CONSUMER, "fetch.wait.max.ms", "fetch.max.wait.ms");
    same(Side.CONSUMER, "max.partition.fetch.bytes");
    rename(Side.CONSUMER, "fetch.message.max.bytes", "max.partition.fetch.bytes");
    same(Side.CONSUMER, "isolation.level");
    same(Side.CONSUMER, "check.crcs");
    same(Side.CONSUMER, "allow.auto.create.topics");
    RULES.put(
        "partition.assignment.strategy",
        new Translation(
            Side.CONSUMER,
            "partition.assignment.strategy",
            (v, p) -> p.setProperty("partition.assignment.strategy", assignors(v))));
    refuse(
        Side.CONSUMER,
        "queued.min.messages",
        "the Java client fetches by size: use fetch.min.bytes / max.partition.fetch.bytes");
    refuse(
        Side.CONSUMER,
        "queued.max.messages.kbytes",
        "the Java client fetches by size: use fetch.max.bytes / max.partition.fetch.bytes");

    // producer
    RULES.put(
        "acks", new Translation(Side.PRODUCER, "acks", (v, p) -> p.setProperty("acks", acks(v))));
    RULES.put(
        "request.required.acks",
        new Translation(Side.PRODUCER, "acks", (v, p) -> p.setProperty("acks", acks(v))));
    rename(Side.PRODUCER, "message.timeout.ms", "delivery.timeout.ms");
    same(Side.PRODUCER, "delivery.timeout.ms");
    rename(Side.PRODUCER, "queue.buffering.max.ms", "linger.ms");
    same(Side.PRODUCER, "linger.ms");
    same(Side.PRODUCER, "batch.size");
    RULES.put(
        "compression.codec",
        new Translation(
            Side.PRODUCER,
            "compression.type",
            (v, p) ->
                p.setProperty(
                    "compression.type", oneOf(v, "none", "gzip", "snappy", "lz4", "zstd"))));
    RULES.put(
        "compression.type",
        new Translation(
            Side.PRODUCER,
            "compression.type",
            (v, p) ->
                p.setProperty(
                    "compression.type", oneOf(v, "none", "gzip", "snappy", "lz4", "zstd"))));
    same(Side.PRODUCER, "enable.idempotence");
    same(Side.PRODUCER, "retries");
    rename(Side.PRODUCER, "message.send.max.retries", "retries");
    same(Side.PRODUCER, "max.in.flight.requests.per.connection");
    rename(Side.PRODUCER, "max.in.flight", "max.in.flight.requests.per.connection");
    same(Side.PRODUCER, "request.timeout.ms");
    rename(Side.PRODUCER, "message.max.bytes", "max.request.size");
    RULES.put(
        "queue.buffering.max.kbytes",
        new Translation(
            Side.PRODUCER,
            "buffer.memory (times 1024)",
            (v, p) -> p.setProperty("buffer.memory", Long.toString(number(v) * 1024))));
    refuse(
        Side.PRODUCER,
        "batch.num.messages",
        "the Java client batches by size: use batch.size (bytes) and linger.ms");
    refuse(
        Side.PRODUCER,
        "queue.buffering.max.messages",
        "the Java client bounds its buffer in bytes: use queue.buffering.max.kbytes");
    refuse(
        Side.PRODUCER,
        "partitioner",
        "the Java client's partitioner (murmur2 of the key, as librdkafka's murmur2_random) is"
            + " the only one; set $kafka.partition on an event to choose its partition");
    refuse(
        Side.PRODUCER,
        "transactional.id",
        "Kafka transactions are not supported by Quiver's kafka offramp");
  }

  private static void same(Side side, String name) {
    rename(side, name, name);
  }

  private static void rename(Side side, String name, String javaName) {
    boolean numeric =
        javaName.endsWith(".ms")
            || javaName.endsWith(".bytes")
            || javaName.endsWith(".size")
            || javaName.equals("retries")
            || javaName.equals("max.in.flight.requests.per.connection");
    RULES.put(
        name,
        new Translation(
            side,
            javaName,
            (v, p) -> p.setProperty(javaName, numeric ? Long.toString(number(v)) : v)));
  }

  private static void refuse(Side side, String name, String instead) {
    RULES.put(name, new Refusal(side, instead));
  }

  /** Every option Quiver knows, in the table's order (docs, tests). */
  static Map<String, Rule> rules() {
    return java.util.Collections.unmodifiableMap(RULES);
  }

  /** The check of the {@code rdkafka_options} key of one side: every refused option at once. */
  static Check check(Side side) {
    return v -> {
      if (!(v instanceof Value.Obj o)) {
        return null;
      }
      List<String> problems = new ArrayList<>();
      o.fields().forEach((name, value) -> problem(side, name, value).ifPresent(problems::add));
      return problems.isEmpty() ? null : String.join("; ", problems);
    };
  }

  private static java.util.Optional<String> problem(Side side, String name, Value value) {
    String text = text(value);
    if (text == null) {
      return java.util.Optional.of(
          "rdkafka option \"" + name + "\" must be a string, number or boolean");
    }
    Rule rule = RULES.get(name);
    if (rule == null) {
      return java.util.Optional.of(
          "rdkafka option \""
              + name
              + "\" is not one Quiver translates to Kafka's Java client (see docs/operations.md,"
              + " \"Kafka\", for those it does)");
    }
    if (rule.side() != Side.BOTH && rule.side() != side) {
      return java.util.Optional.of(
          "rdkafka option \""
              + name
              + "\" is a "
              + rule.side().name().toLowerCase(Locale.ROOT)
              + " option; this is the "
              + (side == Side.CONSUMER ? "onramp (consumer)" : "offramp (producer)"));
    }
    return switch (rule) {
      case Refusal r ->
          java.util.Optional.of(
              "rdkafka option \"" + name + "\" has no Java client equivalent: " + r.instead());
      case Translation t -> {
        try {
          t.apply().accept(text, new Properties());
          yield java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
          yield java.util.Optional.of(
              "rdkafka option \"" + name + "\" = \"" + text + "\": " + e.getMessage());
        }
      }
    };
  }

  /**
   * The Java client properties of a map that passed {@link #check}, in its order, on top of {@code
   * into}.
   */
  static void apply(Map<String, Value> options, Properties into) {
    options.forEach(
        (name, value) -> {
          if (RULES.get(name) instanceof Translation t) {
            t.apply().accept(text(value), into);
          }
        });
  }

  /** Tremor takes the values as strings; YAML's {@code false} and {@code 5000} mean the same. */
  static String text(Value value) {
    return switch (value) {
      case Value.Str s -> s.value();
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Int i -> Long.toString(i.value());
      case Value.Float f -> Double.toString(f.value());
      default -> null;
    };
  }

  private static String oneOf(String v, String... allowed) {
    String lower = v.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(lower)) {
        return a;
      }
    }
    throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
  }

  private static String bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> "true";
      case "false", "0", "no", "off" -> "false";
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static long number(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number");
    }
  }

  private static String offsetReset(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "smallest", "earliest", "beginning" -> "earliest";
      case "largest", "latest", "end" -> "latest";
      case "error" -> "none";
      default ->
          throw new IllegalArgumentException(
              "expected smallest, earliest, beginning, largest, latest, end or error");
    };
  }

  private static String acks(String v) {
    return switch (v.trim()) {
      case "-1", "all" -> "all";
      case "0" -> "0";
      case "1" -> "1";
      default -> throw new IllegalArgumentException("expected -1, all, 0 or 1");
    };
  }

  private static String assignors(String v) {
    List<String> names = new ArrayList<>();
    for (String s : v.split(",")) {
      names.add(
          switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "range" -> "org.apache.kafka.clients.consumer.RangeAssignor";
            case "roundrobin" -> "org.apache.kafka.clients.consumer.RoundRobinAssignor";
            case "cooperative-sticky" ->
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
            default ->
                throw new IllegalArgumentException(
                    "expected range, roundrobin or cooperative-sticky (comma separated)");
          });
    }
    return String.join(",", names);
  }
}
