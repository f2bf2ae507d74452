package io.quiver.server.api;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a value as YAML the way Tremor's API does (serde_yaml 0.8 on yaml-rust's emitter): a
 * {@code ---} line, block mappings and sequences indented by two, {@code []} and {@code {}} for
 * empty ones, and a string double-quoted only when it would read back as something else or holds a
 * character YAML treats specially ({@code "system::metrics"}, {@code "01"}).
 */
final class YamlText {
  private static final Set<String> WORDS =
      Set.of(
          "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
          "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~");

  private final StringBuilder out = new StringBuilder("---");

  private YamlText() {}

  static String of(Value value) {
    YamlText y = new YamlText();
    y.node(value, 0, false);
    return y.out.append('\n').toString();
  }

  /** Writes {@code v}; the cursor is right after a key's colon, a dash, or the {@code ---}. */
  private void node(Value v, int indent, boolean inSequence) {
    switch (v) {
      case Value.Obj o when !o.fields().isEmpty() -> mapping(o.fields(), indent, inSequence);
      case Value.Arr a when !a.items().isEmpty() -> sequence(a.items(), indent, inSequence);
      case Value.Obj o -> out.append(" {}");
      case Value.Arr a -> out.append(" []");
      default -> out.append(' ').append(scalar(v));
    }
  }

  private void mapping(Map<String, Value> fields, int indent, boolean inSequence) {
    boolean first = true;
    for (Map.Entry<String, Value> e : fields.entrySet()) {
      if (first && inSequence) {
        out.append(' ');
      } else {
        newline(indent);
      }
      first = false;
      out.append(string(e.getKey())).append(':');
      node(e.getValue(), indent + 2, false);
    }
  }

  private void sequence(List<Value> items, int indent, boolean inSequence) {
    boolean first = true;
    for (Value item : items) {
      if (first && inSequence) {
        out.append(' ');
      } else {
        newline(indent);
      }
      first = false;
      out.append('-');
      node(item, indent + 2, true);
    }
  }

  private void newline(int indent) {
    out.append('\n').append(" ".repeat(indent));
  }

  private static String scalar(Value v) {
    return switch (v) {
      case Value.Null n -> "~";
      case Value.Bool b -> String.valueOf(b.value());
      case Value.Int i -> String.valueOf(i.value());
      case Value.Float f -> Json.write(f);
      case Value.Str s -> string(s.value());
      default -> string(Json.write(v));
    };
  }

  /** A string, double-quoted and escaped where yaml-rust's emitter quotes it. */
  static String string(String s) {
    return needsQuotes(s) ? Json.write(Value.of(s)) : s;
  }

  static boolean needsQuotes(String s) {
    if (s.isEmpty() || s.startsWith(" ") || s.endsWith(" ")) {
      return true;
    }
    if ("&*?|-<>=!%@".indexOf(s.charAt(0)) >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (":{}[],#`\"'\\".indexOf(c) >= 0 || specialControl(c)) {
        return true;
      }
    }
    return WORDS.contains(s) || s.startsWith(".") || s.startsWith("0x") || isNumber(s);
  }

  /** The control characters yaml-rust quotes for (it leaves BEL, BS, VT, FF and ESC bare). */
  private static boolean specialControl(char c) {
    return c <= 0x06
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x0e && c <= 0x1a)
        || (c >= 0x1c && c <= 0x1f);
  }

  private static boolean isNumber(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      // not an integer
    }
    try {
      Double.parseDouble(s);
      return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
    } catch (NumberFormatException e) {
      return s.equals("inf") || s.equals("-inf") || s.equals("NaN");
    }
  }
}
