package io.quiver.connectors.kv;

import io.quiver.script.RustText;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;

/**
 * Reads a kv command from an event's value as Tremor 0.11.12 does: the first of {@code get}, {@code
 * put}, {@code cas}, {@code delete}, {@code scan} present wins, other fields are ignored, and a
 * shape that does not fit fails with Tremor's text.
 */
final class KvCommands {
  static final String BAD_KEY = "Missing or invalid `key` field";
  static final String NO_VALUE = "Missing `value` field";

  private KvCommands() {}

  static KvCommand parse(Value event) throws KvCommandException {
    Value get = field(event, "get");
    if (get != null) {
      return new KvCommand.Get(key(get));
    }
    Value put = field(event, "put");
    if (put != null) {
      byte[] key = key(put);
      Value value = field(put, "value");
      if (value == null) {
        throw new KvCommandException(NO_VALUE);
      }
      return new KvCommand.Put(key, value);
    }
    Value cas = field(event, "cas");
    if (cas != null) {
      return new KvCommand.Cas(key(cas), field(cas, "old"), field(cas, "new"));
    }
    Value delete = field(event, "delete");
    if (delete != null) {
      return new KvCommand.Delete(key(delete));
    }
    Value scan = field(event, "scan");
    if (scan != null) {
      return new KvCommand.Scan(bytes(field(scan, "start")), bytes(field(scan, "end")));
    }
    throw new KvCommandException("Invalid KV command: " + RustText.display(event));
  }

  private static byte[] key(Value command) throws KvCommandException {
    byte[] key = bytes(field(command, "key"));
    if (key == null) {
      throw new KvCommandException(BAD_KEY);
    }
    return key;
  }

  /** A field of a record; null when absent or when {@code v} is not a record (Tremor's get). */
  private static Value field(Value v, String name) {
    return v instanceof Value.Obj o ? o.get(name) : null;
  }

  /** Tremor's {@code as_bytes}: a string's UTF-8 bytes or a binary's bytes, else null. */
  private static byte[] bytes(Value v) {
    return switch (v) {
      case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
      case Value.Bytes b -> b.value().clone();
      case null, default -> null;
    };
  }
}
