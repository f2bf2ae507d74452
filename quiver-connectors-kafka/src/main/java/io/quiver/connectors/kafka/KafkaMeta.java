package io.quiver.connectors.kafka;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Tremor's {@code $kafka} metadata: made from a consumed record on the onramp ({@code key}, {@code
 * headers}, {@code topic}, {@code partition}, {@code offset}, {@code timestamp}) and read from an
 * event on the offramp ({@code key}, {@code headers} and, a Quiver extension, {@code partition}).
 */
final class KafkaMeta {
  private KafkaMeta() {}

  /** {@code {"kafka": {...}}} for one record, as Tremor's onramp builds it. */
  static Value of(ConsumerRecord<byte[], byte[]> record) {
    Map<String, Value> kafka = new LinkedHashMap<>();
    if (record.key() != null) {
      kafka.put("key", Value.of(record.key()));
    }
    Header[] headers = record.headers().toArray();
    if (headers.length > 0) {
      Map<String, Value> h = new LinkedHashMap<>();
      for (Header header : headers) {
        h.put(header.key(), Value.of(header.value() == null ? new byte[0] : header.value()));
      }
      kafka.put("headers", Value.obj(h));
    }
    kafka.put("topic", Value.of(record.topic()));
    kafka.put("offset", Value.of(record.offset()));
    kafka.put("partition", Value.of((long) record.partition()));
    if (record.timestamp() >= 0) {
      kafka.put("timestamp", Value.of(record.timestamp()));
    }
    return Value.obj("kafka", Value.obj(kafka));
  }

  /** What an event asks of the record it becomes; null fields are not set. */
  record Out(byte[] key, List<Header> headers, Integer partition) {}

  /**
   * The record key, headers and partition of an event: {@code $kafka.key} (a string or bytes) else
   * the configured {@code key}; {@code $kafka.headers} (string or bytes values; others skipped, as
   * Tremor does); {@code $kafka.partition} (an integer).
   */
  static Out read(Value meta, String configuredKey) {
    Value kafka = meta instanceof Value.Obj o ? o.fields().get("kafka") : null;
    Map<String, Value> fields = kafka instanceof Value.Obj k ? k.fields() : Map.of();
    byte[] key = bytes(fields.get("key"));
    if (key == null && !fields.containsKey("key") && configuredKey != null) {
      key = configuredKey.getBytes(StandardCharsets.UTF_8);
    }
    List<Header> headers = new ArrayList<>();
    if (fields.get("headers") instanceof Value.Obj h) {
      h.fields()
          .forEach(
              (name, value) -> {
                byte[] b = bytes(value);
                if (b != null) {
                  headers.add(new RecordHeader(name, b));
                }
              });
    }
    Integer partition =
        fields.get("partition") instanceof Value.Int i
                && i.value() >= 0
                && i.value() <= Integer.MAX_VALUE
            ? (int) i.value()
            : null;
    return new Out(key, headers, partition);
  }

  private static byte[] bytes(Value v) {
    return switch (v) {
      case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
      case Value.Bytes b -> b.value();
      case null, default -> null;
    };
  }
}
