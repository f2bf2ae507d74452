package io.quiver.connectors.elastic;

import io.quiver.value.Event;
import io.quiver.value.KeyOrder;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The events a linked {@code elastic} offramp answers with, in Tremor 0.11.12's shapes. Each keeps
 * the request's id, ingest time and stream; payloads are copies as Tremor's ({@link KeyOrder}: its
 * key order when Tremor's JSON is on).
 *
 * <ul>
 *   <li>a document the node took, on {@code out}: {@code {"source": {"event_id", "origin"},
 *       "payload": <document>, "success": true}}, meta {@code {"elastic": {"_id", "_index",
 *       "_type", "id", "index", "doc_type", "version"}, "correlation"?}};
 *   <li>a document the node refused, on {@code err}: the same with {@code "error": <the node's
 *       error>} and {@code "success": false}, without {@code version};
 *   <li>a request that failed as a whole, on {@code err}: {@code {"source", "success": false,
 *       "error": <text>}}, meta {@code {"correlation"?}};
 *   <li>an event that cannot be written as a bulk request, on {@code err}: {@code {"success":
 *       false, "error": "Invalid ES Payload: ..", "payload", "source"}};
 *   <li>an event dropped for overload, on {@code err}: {@code {"success": false, "error",
 *       "payload"}}, meta {@code {"error", "correlation"?}}.
 * </ul>
 */
final class ElasticAnswers {
  /** The document type a result names when neither the request nor the node named one. */
  static final String DEFAULT_TYPE = "_doc";

  private ElasticAnswers() {}

  static Event documentOk(Event event, Event element, BulkAction action, BulkItem item) {
    LinkedHashMap<String, Value> data = new LinkedHashMap<>();
    data.put("source", source(event));
    data.put("payload", KeyOrder.copied(element.data()));
    data.put("success", Value.TRUE);
    Value meta = meta(elasticMeta(action, item, true), element.metaField("correlation"));
    return answer(event, Value.obj(data), meta);
  }

  static Event documentFailed(Event event, Event element, BulkAction action, BulkItem item) {
    LinkedHashMap<String, Value> data = new LinkedHashMap<>();
    data.put("source", source(event));
    data.put("payload", KeyOrder.copied(element.data()));
    data.put("error", item.error());
    data.put("success", Value.FALSE);
    Value meta = meta(elasticMeta(action, item, false), element.metaField("correlation"));
    return answer(event, Value.obj(data), meta);
  }

  static Event requestFailed(Event event, String error) {
    Value data =
        Value.obj("source", source(event), "success", Value.FALSE, "error", Value.of(error));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    Value correlation = correlation(event);
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
    return answer(event, data, Value.obj(meta));
  }

  static Event invalidPayload(Event event, String error) {
    LinkedHashMap<String, Value> data = new LinkedHashMap<>();
    data.put("success", Value.FALSE);
    data.put("error", Value.of("Invalid ES Payload: " + error));
    data.put("payload", KeyOrder.copied(event.data()));
    data.put("source", source(event));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    Value correlation = correlation(event);
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
    return answer(event, Value.obj(data), Value.obj(meta));
  }

  static Event dropped(Event event, String error) {
    Value data =
        Value.obj(
            "success",
            Value.FALSE,
            "error",
            Value.of(error),
            "payload",
            KeyOrder.copied(event.data()));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("error", Value.of(error));
    Value correlation = correlation(event);
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
    return answer(event, data, Value.obj(meta));
  }

  private static Value elasticMeta(BulkAction action, BulkItem item, boolean withVersion) {
    String type =
        item.type() != null ? item.type() : action.type() != null ? action.type() : DEFAULT_TYPE;
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("_id", Value.of(item.id()));
    m.put("_index", Value.of(item.index()));
    m.put("_type", Value.of(type));
    m.put("id", Value.of(item.id()));
    m.put("index", Value.of(item.index()));
    m.put("doc_type", Value.of(type));
    if (withVersion) {
      m.put("version", item.version() == null ? Value.NULL : item.version());
    }
    return Value.obj(m);
  }

  private static Value meta(Value elastic, Value correlation) {
    return correlation == null
        ? Value.obj("elastic", elastic)
        : Value.obj("elastic", elastic, "correlation", correlation);
  }

  /**
   * Tremor's {@code correlation_meta}: an event's {@code $correlation}; for a batch the array of
   * its entries' (null where one has none), or null when none has one.
   */
  static Value correlation(Event event) {
    if (!event.batch()) {
      return event.metaField("correlation");
    }
    List<Value> all = new ArrayList<>();
    boolean any = false;
    for (Event e : event.elements()) {
      Value c = e.metaField("correlation");
      any |= c != null;
      all.add(c == null ? Value.NULL : c);
    }
    if (!any) {
      return null;
    }
    return all.size() == 1 ? all.get(0) : Value.array(all);
  }

  private static Value source(Event event) {
    return Value.obj("event_id", Value.of(event.id().toString()), "origin", Value.NULL);
  }

  private static Event answer(Event request, Value data, Value meta) {
    return new Event(request.id(), request.ingestNs(), data, meta, request.stream());
  }
}
