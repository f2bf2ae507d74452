package io.quiver.connectors.nats;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tremor's {@code $nats} metadata: made from a received message on the onramp ({@code reply} and
 * {@code headers} when the message has them; {@code $nats} itself always) and read from an event on
 * the offramp ({@code reply}, {@code headers} as name to a list of strings; other values are
 * skipped, as Tremor does).
 */
final class NatsMeta {
  private NatsMeta() {}

  /** {@code {"nats": {...}}} for one message. */
  static Value of(Message message) {
    Map<String, Value> nats = new LinkedHashMap<>();
    if (message.getReplyTo() != null) {
      nats.put("reply", Value.of(message.getReplyTo()));
    }
    Headers headers = message.getHeaders();
    if (headers != null && !headers.isEmpty()) {
      Map<String, Value> h = new LinkedHashMap<>();
      for (String key : headers.keySet()) {
        List<Value> values = new ArrayList<>();
        List<String> got = headers.get(key);
        if (got != null) {
          got.forEach(s -> values.add(Value.of(s)));
        }
        h.put(key, Value.array(values));
      }
      nats.put("headers", Value.obj(h));
    }
    return Value.obj("nats", Value.obj(nats));
  }

  /** What an event asks of the message it becomes. */
  record Out(String reply, Headers headers) {}

  /**
   * The reply subject ({@code $nats.reply}, else {@code configuredReply}) and the headers: the
   * configured ones, then {@code $nats.headers}; null headers when there are none.
   */
  static Out read(Value meta, String configuredReply, Map<String, List<String>> configured) {
    Value nats = meta instanceof Value.Obj o ? o.fields().get("nats") : null;
    Map<String, Value> fields = nats instanceof Value.Obj n ? n.fields() : Map.of();
    String reply = fields.get("reply") instanceof Value.Str s ? s.value() : configuredReply;
    Headers headers = null;
    if (!configured.isEmpty()) {
      headers = new Headers();
      for (Map.Entry<String, List<String>> e : configured.entrySet()) {
        headers.add(e.getKey(), e.getValue());
      }
    }
    if (fields.get("headers") instanceof Value.Obj h) {
      for (Map.Entry<String, Value> e : h.fields().entrySet()) {
        if (e.getValue() instanceof Value.Arr values) {
          for (Value v : values.items()) {
            if (v instanceof Value.Str s) {
              if (headers == null) {
                headers = new Headers();
              }
              headers.add(e.getKey(), s.value());
            }
          }
        }
      }
    }
    return new Out(reply, headers);
  }
}
