package io.quiver.connectors.kv;

import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.LinkedHashMap;

/**
 * The events the kv offramp sends, in Tremor 0.11.12's shapes. Both keep the request's id and
 * stream (so a linked onramp's client gets them) and take the time the command ran as ingest time.
 *
 * <ul>
 *   <li>a reply, out of {@code out}: the command's data, meta {@code {"kv": {"op": op},
 *       "correlation": c}} (correlation only when the request's meta had one);
 *   <li>an error, out of {@code err}: data {@code {"key": k, "error": message}} (k null when the
 *       command could not be read), meta {@code {"kv": {"op": op}, "error": message, "correlation":
 *       c}} (op null when the command could not be read).
 * </ul>
 */
final class KvReplies {
  private KvReplies() {}

  static Event reply(Event request, String op, Value data, long ingestNs) {
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("kv", Value.obj("op", Value.of(op)));
    addCorrelation(request, meta);
    return new Event(request.id(), ingestNs, data, Value.obj(meta), request.stream());
  }

  static Event error(Event request, String op, byte[] key, String message, long ingestNs) {
    Value data =
        Value.obj(
            "key", key == null ? Value.NULL : new Value.Bytes(key), "error", Value.of(message));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("kv", Value.obj("op", op == null ? Value.NULL : Value.of(op)));
    meta.put("error", Value.of(message));
    addCorrelation(request, meta);
    return new Event(request.id(), ingestNs, data, Value.obj(meta), request.stream());
  }

  private static void addCorrelation(Event request, LinkedHashMap<String, Value> meta) {
    Value correlation = request.metaField("correlation");
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
  }
}
