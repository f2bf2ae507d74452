package io.quiver.script;

import io.quiver.value.Value;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Values as Tremor's Rust code prints them where a std function uses Rust's formatting rather than
 * JSON: {@link #display} is {@code to_string()} (e.g. the items {@code array::join} joins), {@link
 * #debug} is {@code {:?}} (e.g. the value named in an {@code array::unzip} error). Public for the
 * connectors that quote a value in Tremor's error texts (the kv offramp).
 */
public final class RustText {
  private RustText() {}

  /** Rust's {@code Display} of a Tremor value: strings raw, containers in their debug form. */
  public static String display(Value v) {
    return switch (v) {
      case Value.Null n -> "null";
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Int i -> Long.toString(i.value());
      case Value.Float f -> displayFloat(f.value());
      case Value.Str s -> s.value();
      case Value.Arr a -> debugItems(a);
      case Value.Obj o -> debugFields(o);
      case Value.Bytes b -> "<<" + debugBytes(b.value()) + ">>";
    };
  }

  /** Rust's derived {@code Debug} of a Tremor value, e.g. {@code Static(I64(1))}. */
  static String debug(Value v) {
    return switch (v) {
      case Value.Null n -> "Static(Null)";
      case Value.Bool b -> "Static(Bool(" + b.value() + "))";
      case Value.Int i -> "Static(I64(" + i.value() + "))";
      case Value.Float f -> "Static(F64(" + debugFloat(f.value()) + "))";
      case Value.Str s -> "String(" + debugString(s.value()) + ")";
      case Value.Arr a -> "Array(" + debugItems(a) + ")";
      case Value.Obj o -> "Object(" + debugFields(o) + ")";
      case Value.Bytes b -> "Bytes(" + debugBytes(b.value()) + ")";
    };
  }

  /** {@code f64}'s {@code Display}: shortest round-trip digits, never an exponent, no ".0". */
  static String displayFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** {@code f64}'s {@code Debug} as of Tremor 0.11: the display form with ".0" when integral. */
  static String debugFloat(double d) {
    String s = displayFloat(d);
    return s.contains(".") || s.contains("N") || s.contains("inf") ? s : s + ".0";
  }

  private static String debugItems(Value.Arr a) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < a.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(debug(a.get(i)));
    }
    return out.append(']').toString();
  }

  private static String debugFields(Value.Obj o) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
      out.append(first ? "" : ", ")
          .append(debugString(e.getKey()))
          .append(": ")
          .append(debug(e.getValue()));
      first = false;
    }
    return out.append('}').toString();
  }

  private static String debugBytes(byte[] bytes) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < bytes.length; i++) {
      out.append(i == 0 ? "" : ", ").append(bytes[i] & 0xFF);
    }
    return out.append(']').toString();
  }

  /** A {@code str}'s {@code Debug}: quoted, with Rust's escapes. */
  static String debugString(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                  if (Character.isISOControl(cp)) {
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** Unicode's White_Space property, which Rust's {@code str::trim} uses. */
  static boolean whiteSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || cp == 0x20
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  /** {@code str::trim} / {@code trim_start} / {@code trim_end}. */
  static String trim(String s, boolean start, boolean end) {
    int from = 0;
    int to = s.length();
    while (start && from < to && whiteSpace(s.codePointAt(from))) {
      from += Character.charCount(s.codePointAt(from));
    }
    while (end && to > from && whiteSpace(s.codePointBefore(to))) {
      to -= Character.charCount(s.codePointBefore(to));
    }
    return s.substring(from, to);
  }

  /**
   * Percent-decoding as the {@code percent-encoding} crate: {@code %XX} becomes the byte XX, a
   * {@code %} without two hex digits stays, {@code +} stays; null when the bytes are not UTF-8.
   */
  static String percentDecode(String s) {
    byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(in[i + 2], 16);
      if (lo >= 0) {
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
