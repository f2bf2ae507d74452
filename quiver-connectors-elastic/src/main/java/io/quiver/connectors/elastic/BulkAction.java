package io.quiver.connectors.elastic;

import io.quiver.value.Event;
import io.quiver.value.Value;

/**
 * One document's line pair in a {@code _bulk} request, read from an event's metadata as Tremor
 * 0.11.12 reads it: {@code $elastic._index} (required), {@code _type}, {@code _id}, {@code
 * pipeline} and {@code action} ({@code index} by default, or {@code create}, {@code update}, {@code
 * delete}); the deprecated top-level {@code $index}, {@code $doc_type}, {@code $doc_id}, {@code
 * $pipeline} and {@code $action} win over them when present.
 *
 * @param op the bulk operation
 * @param index the target index
 * @param type the document type, or null
 * @param id the document id, or null (the node assigns one)
 * @param pipeline the ingest pipeline, or null
 * @param document the event's value: the source of {@code index}/{@code create}, the partial
 *     document of {@code update}; unused for {@code delete}
 */
record BulkAction(
    String op, String index, String type, String id, String pipeline, Value document) {

  /** What reading an event's metadata gave: an action, or why there is none. */
  sealed interface Read permits Valid, Invalid {}

  record Valid(BulkAction action) implements Read {}

  /** Tremor's error text, without its {@code Invalid ES Payload: } prefix. */
  record Invalid(String error) implements Read {}

  /** Reads one element (not a batch) of an event. */
  static Read of(Event element) {
    Value meta = element.meta();
    Value elastic = field(meta, "elastic");
    String index = string(meta, "index");
    if (index == null) {
      index = string(elastic, "_index");
    }
    if (index == null) {
      return new Invalid("'index' not set for elastic offramp!");
    }
    String action = string(meta, "action");
    if (action == null) {
      action = string(elastic, "action");
    }
    String op =
        switch (action == null ? "index" : action) {
          case "index", "create", "update", "delete" -> action == null ? "index" : action;
          default -> null;
        };
    if (op == null) {
      return new Invalid(
          "invalid ES operation, use one of `delete`, `create`, `update`, `index`: " + action);
    }
    return new Valid(
        new BulkAction(
            op,
            index,
            either(meta, "doc_type", elastic, "_type"),
            either(meta, "doc_id", elastic, "_id"),
            either(meta, "pipeline", elastic, "pipeline"),
            element.data()));
  }

  private static String either(Value meta, String deprecated, Value elastic, String key) {
    String v = string(meta, deprecated);
    return v != null ? v : string(elastic, key);
  }

  private static Value field(Value record, String key) {
    return record instanceof Value.Obj o ? o.get(key) : null;
  }

  private static String string(Value record, String key) {
    return field(record, key) instanceof Value.Str s ? s.value() : null;
  }
}
