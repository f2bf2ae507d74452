package io.quiver.codec;

import io.quiver.value.RustNumbers;
import io.quiver.value.Value;
import java.util.LinkedHashMap;

/**
 * Parses one InfluxDB line protocol line into {@code {"measurement", "tags", "fields",
 * "timestamp"}} with the rules of Tremor 0.11's tremor-influx decoder.
 *
 * <p>Escapes: in the measurement, tag keys, tag values and field keys a backslash before a comma,
 * equals sign, space, double quote or backslash is removed (Tremor only removes it before a
 * character that would end the element, so it read {@code a\=b} as a tag value with the backslash);
 * before any other character it is kept. In unquoted field values a backslash is always removed; in
 * quoted string values a backslash before {@code "} or {@code \} is removed. Field values: {@code t
 * T true True TRUE} and {@code f F false False FALSE} are booleans, {@code <n>i} integers, quoted
 * text strings, anything else a float. Without a timestamp the ingest time is used.
 *
 * <p>Failures name the problem like Tremor's {@code DecoderError} and carry the character index in
 * the trimmed line where it was found.
 */
final class InfluxLineParser {
  /** A failure: {@code Variant(index)} or {@code Variant(index, reason)}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String variant, int index) {
      super(variant + "(" + index + ")");
    }

    Invalid(String variant, int index, String reason) {
      super(variant + "(" + index + ", " + reason + ")");
    }
  }

  /**
   * What InfluxDB escapes in names and tag values (comma, equals sign, space), plus the double
   * quote that Tremor's encoder escapes too, so Tremor's lines read back as it meant them.
   */
  private static final String NAME_ESCAPES = ", =\"";

  private final String line;
  private int pos;

  private InfluxLineParser(String line) {
    this.line = line;
  }

  /** The line's value, or {@code null} for an empty line or a comment. */
  static Value parse(String raw, long ingestNs) throws Invalid {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    return new InfluxLineParser(line).parse(ingestNs);
  }

  private Value parse(long ingestNs) throws Invalid {
    String measurement = element(", ", NAME_ESCAPES);
    LinkedHashMap<String, Value> tags = new LinkedHashMap<>();
    if (peek() == ',') {
      pos++;
      parseTags(tags);
    }
    if (pos < line.length()) {
      pos++; // the space before the fields
    }
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    parseFields(fields);
    long timestamp;
    if (pos >= line.length()) {
      timestamp = ingestNs;
    } else {
      int at = pos;
      try {
        timestamp = RustNumbers.parseU64AsLong(line.substring(pos));
      } catch (RustNumbers.ParseException e) {
        throw new Invalid("ParseIntError", at, e.getMessage());
      }
    }
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("measurement", Value.of(measurement));
    m.put("tags", Value.obj(tags));
    m.put("fields", Value.obj(fields));
    m.put("timestamp", Value.of(timestamp));
    return Value.obj(m);
  }

  private int peek() {
    return pos < line.length() ? line.charAt(pos) : -1;
  }

  /**
   * Reads up to (not including) the first unescaped character of {@code ends}; that character must
   * exist.
   */
  private String element(String ends) throws Invalid {
    return element(ends, ends);
  }

  /**
   * As {@link #element(String)}, removing a backslash before {@code ends}, {@code escapable} or a
   * backslash.
   */
  private String element(String ends, String escapable) throws Invalid {
    int start = pos;
    StringBuilder out = null;
    int from = pos;
    while (pos < line.length()) {
      char c = line.charAt(pos);
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(line, from, pos);
        pos++;
        if (pos < line.length()) {
          char next = line.charAt(pos);
          if (ends.indexOf(next) < 0 && escapable.indexOf(next) < 0 && next != '\\') {
            out.append('\\');
          }
          out.append(next);
          pos++;
        } else {
          out.append('\\');
        }
        from = pos;
      } else if (ends.indexOf(c) >= 0) {
        return out == null ? line.substring(from, pos) : out.append(line, from, pos).toString();
      } else {
        pos++;
      }
    }
    throw new Invalid("Unexpected", start);
  }

  private void parseTags(LinkedHashMap<String, Value> tags) throws Invalid {
    while (true) {
      String key = element("= ,", NAME_ESCAPES);
      if (line.charAt(pos) != '=') {
        throw new Invalid("MissingTagValue", pos);
      }
      pos++;
      String value = element(" ,", NAME_ESCAPES);
      tags.put(key, Value.of(value));
      if (line.charAt(pos) == ' ') {
        return;
      }
      pos++; // ','
    }
  }

  private void parseFields(LinkedHashMap<String, Value> fields) throws Invalid {
    while (true) {
      String key = element("=", NAME_ESCAPES);
      pos++; // '='
      Value value = fieldValue();
      fields.put(key, value);
      int c = peek();
      if (c == ',') {
        pos++;
      } else {
        if (c == ' ') {
          pos++;
        }
        return;
      }
    }
  }

  private Value fieldValue() throws Invalid {
    int c = peek();
    if (c == '"') {
      pos++;
      return quoted();
    }
    if (c == ' ' || c < 0) {
      throw new Invalid("UnexpectedEnd", pos);
    }
    int start = pos;
    StringBuilder out = new StringBuilder();
    while (pos < line.length()) {
      char ch = line.charAt(pos);
      if (ch == '\\') {
        pos++;
        if (pos >= line.length()) {
          throw new Invalid("UnexpectedEnd", pos);
        }
        out.append(line.charAt(pos++));
      } else if (ch == ',' || ch == ' ') {
        break;
      } else {
        out.append(ch);
        pos++;
      }
    }
    return typed(out.toString(), start);
  }

  private Value quoted() throws Invalid {
    String s = element("\"");
    pos++; // closing quote
    int c = peek();
    if (c != ' ' && c != ',' && c >= 0) {
      throw new Invalid("TrailingCharacter", pos);
    }
    return Value.of(s);
  }

  private static Value typed(String s, int at) throws Invalid {
    switch (s) {
      case "t", "T", "true", "True", "TRUE" -> {
        return Value.TRUE;
      }
      case "f", "F", "false", "False", "FALSE" -> {
        return Value.FALSE;
      }
      default -> {}
    }
    if (s.endsWith("i")) {
      String digits = s.substring(0, s.length() - 1);
      try {
        return Value.of(
            digits.startsWith("-")
                ? RustNumbers.parseI64(digits)
                : RustNumbers.parseU64AsLong(digits));
      } catch (RustNumbers.ParseException e) {
        throw new Invalid("ParseIntError", at, e.getMessage());
      }
    }
    try {
      return Value.of(RustNumbers.parseF64(s, RustNumbers.FloatDialect.LEXICAL));
    } catch (RustNumbers.ParseException e) {
      throw new Invalid("ParseFloatError", at, e.getMessage());
    }
  }
}
