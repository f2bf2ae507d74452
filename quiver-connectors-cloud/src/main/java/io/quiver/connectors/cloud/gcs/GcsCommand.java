package io.quiver.connectors.cloud.gcs;

import io.quiver.connectors.cloud.QueuedSink.BadEventException;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One command of a {@code gcs} event, read as Tremor's gcs offramp reads it: a record with a string
 * {@code command} and the string fields that command needs ({@code body}, any value, for {@code
 * upload_object}).
 *
 * @param fields the command's string fields by name
 * @param body the value to upload, or null
 */
record GcsCommand(String name, Map<String, String> fields, Value body) {
  static final Map<String, List<String>> FIELDS =
      Map.of(
          "fetch", List.of("bucket", "object"),
          "list_buckets", List.of("project_id"),
          "list_objects", List.of("bucket"),
          "upload_object", List.of("bucket", "object"),
          "remove_object", List.of("bucket", "object"),
          "create_bucket", List.of("project_id", "bucket"),
          "remove_bucket", List.of("bucket"),
          "download_object", List.of("bucket", "object"));

  String field(String key) {
    return fields.get(key);
  }

  static GcsCommand parse(Value value) throws BadEventException {
    if (!(value instanceof Value.Obj o)) {
      throw new BadEventException("Invalid Command");
    }
    String name = string(o, "command");
    List<String> needs = FIELDS.get(name);
    if (needs == null) {
      throw new BadEventException("Unknown Google Cloud Storage command: `" + name + "` attempted");
    }
    java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
    for (String f : needs) {
      fields.put(f, string(o, f));
    }
    Value body = null;
    if (name.equals("upload_object")) {
      body = o.get("body");
      if (body == null) {
        throw new BadEventException("Invalid Command, expected `body` field");
      }
    }
    return new GcsCommand(name, Map.copyOf(fields), body);
  }

  private static String string(Value.Obj o, String field) throws BadEventException {
    if (o.get(field) instanceof Value.Str s) {
      return s.value();
    }
    throw new BadEventException("Invalid Command, expected `" + field + "` field");
  }
}
