package io.quiver.codec;

import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a value the way Tremor 0.11's {@code yaml} codec does (serde_yaml 0.8 on yaml-rust 0.4's
 * emitter), byte for byte: {@code ---} on a line of its own, block style with two spaces per level
 * (a sequence under a key is indented, a sequence or mapping inside a sequence starts on the dash's
 * line), {@code []} and {@code {}} for empty collections, {@code ~} for null, no line folding, and
 * strings double-quoted with escapes only when yaml-rust would quote them. Bytes are a sequence of
 * integers; floats use {@link YamlCodec#floatText}.
 */
final class SerdeYamlWriter {
  /** Strings yaml-rust quotes because YAML 1.1 would read them as booleans or null. */
  private static final Set<String> RESERVED =
      Set.of(
          "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
          "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~");

  private final StringBuilder out = new StringBuilder();
  private int level = -1;

  private SerdeYamlWriter() {}

  /** The document for {@code value}, with its trailing newline. */
  static String write(Value value) {
    SerdeYamlWriter w = new SerdeYamlWriter();
    w.out.append("---\n");
    w.node(value);
    return w.out.append('\n').toString();
  }

  private void node(Value value) {
    switch (value) {
      case Value.Arr a -> sequence(a.items());
      case Value.Bytes b -> sequence(bytes(b.value()));
      case Value.Obj o -> mapping(o.fields());
      case Value.Str s -> string(s.value());
      case Value.Null n -> out.append('~');
      case Value.Bool b -> out.append(b.value());
      case Value.Int i -> out.append(i.value());
      case Value.Float f -> out.append(YamlCodec.floatText(f.value()));
    }
  }

  private static List<Value> bytes(byte[] data) {
    Value[] ints = new Value[data.length];
    for (int i = 0; i < data.length; i++) {
      ints[i] = Value.of(data[i] & 0xFF);
    }
    return List.of(ints);
  }

  private void sequence(List<Value> items) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    level++;
    boolean first = true;
    for (Value item : items) {
      if (!first) {
        out.append('\n');
        indent();
      }
      first = false;
      out.append('-');
      value(true, item);
    }
    level--;
  }

  private void mapping(Map<String, Value> fields) {
    if (fields.isEmpty()) {
      out.append("{}");
      return;
    }
    level++;
    boolean first = true;
    for (Map.Entry<String, Value> e : fields.entrySet()) {
      if (!first) {
        out.append('\n');
        indent();
      }
      first = false;
      string(e.getKey());
      out.append(':');
      value(false, e.getValue());
    }
    level--;
  }

  /** A value after {@code -} (inline) or after {@code key:}. */
  private void value(boolean inline, Value v) {
    boolean collection =
        v instanceof Value.Arr || v instanceof Value.Obj || v instanceof Value.Bytes;
    if (collection && !inline && !empty(v)) {
      out.append('\n');
      level++;
      indent();
      level--;
    } else {
      out.append(' ');
    }
    node(v);
  }

  private static boolean empty(Value v) {
    return switch (v) {
      case Value.Arr a -> a.items().isEmpty();
      case Value.Obj o -> o.fields().isEmpty();
      case Value.Bytes b -> b.value().length == 0;
      default -> false;
    };
  }

  private void indent() {
    for (int i = 0; i < level; i++) {
      out.append("  ");
    }
  }

  private void string(String s) {
    if (!needsQuotes(s)) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** yaml-rust's rule for quoting a string. */
  static boolean needsQuotes(String s) {
    if (s.isEmpty() || s.startsWith(" ") || s.endsWith(" ")) {
      return true;
    }
    if ("&*?|-<>=!%@".indexOf(s.charAt(0)) >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (":{}[],#`\"'\\\t\n\r".indexOf(c) >= 0
          || (c <= 0x06)
          || (c >= 0x0e && c <= 0x1a)
          || (c >= 0x1c && c <= 0x1f)) {
        return true;
      }
    }
    return RESERVED.contains(s) || s.startsWith(".") || s.startsWith("0x") || isNumber(s);
  }

  /** Whether Rust's {@code i64} or {@code f64} parsing accepts {@code s}. */
  private static boolean isNumber(String s) {
    if (s.matches("[+-]?[0-9]+")) {
      return true;
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity") || unsigned.equals("nan")) {
      return true;
    }
    return s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  }
}
