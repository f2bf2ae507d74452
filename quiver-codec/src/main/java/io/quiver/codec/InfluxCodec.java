package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tremor's {@code influx} codec: one InfluxDB line protocol line per chunk (see {@link
 * InfluxLineParser} for the accepted syntax), decoded to {@code {"measurement", "tags", "fields",
 * "timestamp"}}. An empty line or a {@code #} comment gives no event.
 *
 * <p>Encoding writes InfluxDB's documented form: tags (string values only) and fields sorted by
 * key, commas and spaces (and equals signs outside the measurement) escaped with a backslash as
 * InfluxDB documents (Tremor 0.11 also escapes {@code "} and {@code =} everywhere, which its own
 * decoder then keeps as part of the name; Quiver does not), string fields quoted with {@code "} and
 * {@code \} escaped, integers with the {@code i} suffix, floats in shortest round-trip form, and
 * the timestamp in nanoseconds. Errors use Tremor's texts, e.g. {@code MissingField("measurement")}
 * or {@code Invalid Influx Line Protocol data: Unexpected(0)\n<line>}.
 */
public final class InfluxCodec implements Codec {
  public static final String NAME = "influx";

  /** Escaped in measurements (InfluxDB: comma, space; and the escape character itself). */
  private static final String MEASUREMENT_SPECIALS = ", \\";

  /** Escaped in tag keys, tag values and field keys (InfluxDB: comma, equals sign, space). */
  private static final String NAME_SPECIALS = ", =\\";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    String line = StrictUtf8Text.decode(data, "");
    try {
      return Optional.ofNullable(InfluxLineParser.parse(line, ingestNs));
    } catch (InfluxLineParser.Invalid e) {
      throw new CodecException(
          "Invalid Influx Line Protocol data: " + e.getMessage() + "\n" + line);
    }
  }

  @Override
  public byte[] encode(Value value) throws CodecException {
    Value.Obj o = value instanceof Value.Obj obj ? obj : Value.EMPTY_OBJECT;
    StringBuilder out = new StringBuilder(128);
    if (!(o.get("measurement") instanceof Value.Str measurement)) {
      throw new CodecException("MissingField(\"measurement\")");
    }
    escape(out, measurement.value(), MEASUREMENT_SPECIALS);
    Value tagsValue = o.get("tags");
    if (tagsValue == null) {
      throw new CodecException("MissingField(\"tags\")");
    }
    if (!(tagsValue instanceof Value.Obj tags)) {
      throw new CodecException("InvalidField(\"tags\")");
    }
    for (Map.Entry<String, Value> tag : sorted(tags)) {
      if (tag.getValue() instanceof Value.Str s) {
        out.append(',');
        escape(out, tag.getKey(), NAME_SPECIALS);
        out.append('=');
        escape(out, s.value(), NAME_SPECIALS);
      }
    }
    out.append(' ');
    if (!(o.get("fields") instanceof Value.Obj fields)) {
      throw new CodecException("InvalidField(\"fields\")");
    }
    boolean first = true;
    for (Map.Entry<String, Value> field : sorted(fields)) {
      if (!first) {
        out.append(',');
      }
      first = false;
      escape(out, field.getKey(), NAME_SPECIALS);
      out.append('=');
      switch (field.getValue()) {
        case Value.Str s -> escapeString(out, s.value());
        case Value.Float f -> out.append(Json.write(f));
        case Value.Bool b -> out.append(b.value());
        case Value.Int i -> out.append(i.value()).append('i');
        default ->
            throw new CodecException(
                "InvalidValue(\"" + field.getKey() + "\", " + rustTypeName(field.getValue()) + ")");
      }
    }
    out.append(' ');
    Value ts = o.get("timestamp");
    if (ts == null) {
      throw new CodecException("MissingField(\"timestamp\")");
    }
    if (!(ts instanceof Value.Int t) || t.value() < 0) {
      throw new CodecException("InvalidTimestamp(" + rustTypeName(ts) + ")");
    }
    out.append(t.value());
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<Map.Entry<String, Value>> sorted(Value.Obj o) {
    List<Map.Entry<String, Value>> entries = new ArrayList<>(o.fields().entrySet());
    entries.sort(Map.Entry.comparingByKey(InfluxCodec::compareUtf8));
    return entries;
  }

  /** Rust orders strings by their UTF-8 bytes, which is code point order. */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void escape(StringBuilder out, String s, String specials) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (specials.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
  }

  private static void escapeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  /** The name Rust's {@code ValueType} debug output gives a value's type in Tremor's errors. */
  static String rustTypeName(Value v) {
    return switch (v) {
      case Value.Null n -> "Null";
      case Value.Bool b -> "Bool";
      case Value.Int i -> "I64";
      case Value.Float f -> "F64";
      case Value.Str s -> "String";
      case Value.Bytes b -> "Custom(\"bytes\")";
      case Value.Arr a -> "Array";
      case Value.Obj o -> "Object";
    };
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, InfluxCodec::new);
    }
  }
}
