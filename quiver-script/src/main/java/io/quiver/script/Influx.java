package io.quiver.script;

import io.quiver.value.Value;
import java.util.LinkedHashMap;

/**
 * Influx line protocol for the {@code influx} extractor: one line to {measurement, tags, fields,
 * timestamp}.
 */
final class Influx {
  private final String s;
  private int pos;

  private Influx(String s) {
    this.s = s;
  }

  /** The decoded line, or null when it is not valid line protocol. */
  static Value parse(String line) {
    try {
      return new Influx(line.strip()).line();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Value line() {
    String measurement = token(",  ".toCharArray());
    if (measurement.isEmpty()) {
      throw new IllegalArgumentException("no measurement");
    }
    LinkedHashMap<String, Value> tags = new LinkedHashMap<>();
    while (pos < s.length() && s.charAt(pos) == ',') {
      pos++;
      String key = token("=".toCharArray());
      expect('=');
      tags.put(key, Value.of(token(", ".toCharArray())));
    }
    expect(' ');
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    do {
      String key = token("=".toCharArray());
      expect('=');
      fields.put(key, fieldValue());
    } while (pos < s.length() && s.charAt(pos) == ',' && ++pos > 0);
    Value timestamp = Value.NULL;
    if (pos < s.length()) {
      expect(' ');
      timestamp = Value.of(Long.parseLong(s.substring(pos).strip()));
    }
    return Value.obj(
        "measurement",
        Value.of(measurement),
        "tags",
        Value.obj(tags),
        "fields",
        Value.obj(fields),
        "timestamp",
        timestamp);
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw new IllegalArgumentException("expected " + c);
    }
    pos++;
  }

  private String token(char[] stops) {
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\\' && pos + 1 < s.length()) {
        out.append(s.charAt(pos + 1));
        pos += 2;
        continue;
      }
      for (char stop : stops) {
        if (c == stop) {
          return out.toString();
        }
      }
      out.append(c);
      pos++;
    }
    return out.toString();
  }

  private Value fieldValue() {
    if (pos < s.length() && s.charAt(pos) == '"') {
      pos++;
      StringBuilder out = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != '"') {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        out.append(c);
      }
      expect('"');
      return Value.of(out.toString());
    }
    String raw = token(", ".toCharArray());
    switch (raw) {
      case "t", "T", "true", "True", "TRUE" -> {
        return Value.TRUE;
      }
      case "f", "F", "false", "False", "FALSE" -> {
        return Value.FALSE;
      }
      default -> {}
    }
    if (raw.endsWith("i") || raw.endsWith("u")) {
      return Value.of(Long.parseLong(raw.substring(0, raw.length() - 1)));
    }
    return Value.of(Double.parseDouble(raw));
  }
}
