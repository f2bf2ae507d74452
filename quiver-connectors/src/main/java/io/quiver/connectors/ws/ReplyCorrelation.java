package io.quiver.connectors.ws;

import io.quiver.spi.config.Check;
import io.quiver.value.Value;
import java.util.List;

/**
 * The offramp's {@code correlation_field}: a field (or a dotted path to a nested field) that the
 * upstream copies from each request into its reply, such as a JSON-RPC {@code id}. Requests and
 * replies are matched by its value instead of by their order.
 */
record ReplyCorrelation(String path, List<String> segments) {

  /** A dotted path with no empty segment. */
  static final Check CHECK =
      v ->
          v instanceof Value.Str s && !valid(s.value())
              ? "value must be a field name or a dotted path such as id or meta.request_id"
              : null;

  private static boolean valid(String path) {
    return !path.isEmpty() && !path.startsWith(".") && !path.endsWith(".") && !path.contains("..");
  }

  /** The correlation of {@code path}, or null when there is none (the key is not set). */
  static ReplyCorrelation of(String path) {
    return path == null ? null : new ReplyCorrelation(path, List.of(path.split("\\.")));
  }

  /**
   * The id in {@code data} (a request's data before encoding, or a reply's after decoding), or
   * null.
   */
  Value idOf(Value data) {
    Value at = data;
    for (String segment : segments) {
      if (!(at instanceof Value.Obj obj)) {
        return null;
      }
      at = obj.fields().get(segment);
    }
    return at instanceof Value.Null ? null : at;
  }
}
