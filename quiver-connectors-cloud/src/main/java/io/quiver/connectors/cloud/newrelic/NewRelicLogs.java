package io.quiver.connectors.cloud.newrelic;

import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The Log API body of one event, as Tremor's newrelic offramp writes it: {@code [{"logs": [log,
 * ...]}]} with one log per value (each entry of a batch), {@code {"timestamp": t, "message": m,
 * "attributes": rest}}: {@code t} the value's integer {@code timestamp} (else now, in ms), {@code
 * m} its string {@code message} (else ""), {@code rest} the value without those two fields.
 */
final class NewRelicLogs {
  private NewRelicLogs() {}

  static Value payload(Event event, long nowMs) {
    List<Value> logs = new ArrayList<>();
    for (Event e : event.elements()) {
      logs.add(log(e.data(), nowMs));
    }
    return Value.array(Value.obj("logs", Value.array(logs)));
  }

  static Value log(Value value, long nowMs) {
    long timestamp = nowMs;
    String message = "";
    Value attributes = value;
    if (value instanceof Value.Obj o) {
      if (o.get("timestamp") instanceof Value.Int t) {
        timestamp = t.value();
      }
      if (o.get("message") instanceof Value.Str m) {
        message = m.value();
      }
      LinkedHashMap<String, Value> rest = new LinkedHashMap<>(o.fields());
      rest.remove("timestamp");
      rest.remove("message");
      attributes = Value.obj(rest);
    }
    return Value.obj(
        "timestamp", Value.of(timestamp), "message", Value.of(message), "attributes", attributes);
  }

  /** The JSON of {@code payload}, gzip'd when {@code compress}. */
  static byte[] body(Value payload, boolean compress) {
    byte[] json = Json.writeBytes(payload);
    if (!compress) {
      return json;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }
}
