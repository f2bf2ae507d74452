package io.quiver.connectors.elastic;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Writes the NDJSON body of a {@code _bulk} request: per action its metadata line ({@code {"index":
 * {"_index": .., "_type": .., "_id": .., "pipeline": ..}}}) and, except for {@code delete}, the
 * document line ({@code {"doc": ..}} for {@code update}), each ended by a newline.
 */
final class BulkBody {
  private BulkBody() {}

  /**
   * The body for {@code actions}; {@code withTypes} false leaves {@code _type} out (clusters
   * without mapping types: OpenSearch 2, Elasticsearch 8, which refuse the whole request for it).
   */
  static byte[] of(List<BulkAction> actions, boolean withTypes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * actions.size());
    for (BulkAction a : actions) {
      LinkedHashMap<String, Value> target = new LinkedHashMap<>(6);
      target.put("_index", Value.of(a.index()));
      if (withTypes && a.type() != null) {
        target.put("_type", Value.of(a.type()));
      }
      if (a.id() != null) {
        target.put("_id", Value.of(a.id()));
      }
      if (a.pipeline() != null) {
        target.put("pipeline", Value.of(a.pipeline()));
      }
      Json.writeTo(Value.obj(a.op(), Value.obj(target)), out);
      out.write('\n');
      switch (a.op()) {
        case "delete" -> {}
        case "update" -> {
          Json.writeTo(Value.obj("doc", a.document()), out);
          out.write('\n');
        }
        default -> {
          Json.writeTo(a.document(), out);
          out.write('\n');
        }
      }
    }
    return out.toByteArray();
  }
}
