package io.quiver.connectors.elastic;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a {@code _bulk} response's {@code items}: the document's index, type, id and
 * version, and its {@code error} when the node refused it (an item without {@code error} succeeded,
 * a {@code delete} of a missing document included, as Elasticsearch's clients read it).
 *
 * @param index {@code _index}, or "" when missing
 * @param type {@code _type}, or null when the cluster has no mapping types
 * @param id {@code _id}, or ""
 * @param version {@code _version}, or null
 * @param error the node's {@code error} record, or null
 */
record BulkItem(String index, String type, String id, Value version, Value error) {

  boolean ok() {
    return error == null;
  }

  /**
   * The items of a {@code _bulk} response body, in request order.
   *
   * @throws JsonException when the body is not JSON or has no {@code items} array
   */
  static List<BulkItem> parse(byte[] body) throws JsonException {
    Value response = Json.parse(body);
    if (!(response instanceof Value.Obj o) || !(o.get("items") instanceof Value.Arr items)) {
      throw new JsonException("the bulk response has no items", 0);
    }
    List<BulkItem> out = new ArrayList<>(items.size());
    for (Value entry : items.items()) {
      Value item = NULL_ITEM;
      if (entry instanceof Value.Obj e && e.fields().size() == 1) {
        item = e.fields().values().iterator().next();
      }
      out.add(
          new BulkItem(
              orEmpty(string(item, "_index")),
              string(item, "_type"),
              orEmpty(string(item, "_id")),
              field(item, "_version"),
              field(item, "error")));
    }
    return out;
  }

  private static final Value NULL_ITEM =
      Value.obj("error", Value.of("the bulk response has no entry for this document"));

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Value field(Value record, String key) {
    Value v = record instanceof Value.Obj o ? o.get(key) : null;
    return v instanceof Value.Null ? null : v;
  }

  private static String string(Value record, String key) {
    return field(record, key) instanceof Value.Str s ? s.value() : null;
  }
}
