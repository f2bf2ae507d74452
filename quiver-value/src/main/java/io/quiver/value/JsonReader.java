package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Recursive-descent JSON parser over UTF-8 bytes (RFC 8259, exactly one document). One instance per
 * document. Error texts follow simd-json's display ({@code <ErrorType> at character <i> ('<c>')})
 * because Tremor shows them to users.
 */
final class JsonReader {
  /** Deeper nesting is rejected instead of risking a stack overflow. */
  static final int MAX_DEPTH = Json.MAX_DEPTH;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private final byte[] in;
  private final int base;
  private final int end;
  private int pos;
  private int depth;
  private char[] chars;

  JsonReader(byte[] in, int from, int to) {
    this.in = in;
    this.base = from;
    this.pos = from;
    this.end = to;
  }

  Value readDocument() throws JsonException {
    skipWhitespace();
    if (pos >= end) {
      // simd-json reports a document without any structural character as a generic error
      // (index 0, placeholder character U+1F4A9); Tremor users see exactly this text.
      throw new JsonException("Eof at character 0 ('\uD83D\uDCA9')", 0);
    }
    Value value = readValue();
    skipWhitespace();
    if (pos < end) {
      throw error("TrailingCharacters", pos);
    }
    return value;
  }

  private Value readValue() throws JsonException {
    if (pos >= end) {
      throw error("Eof", pos);
    }
    byte b = in[pos];
    return switch (b) {
      case '{' -> readObject();
      case '[' -> readArray();
      case '"' -> {
        pos++;
        yield Value.of(readString());
      }
      case 't' -> readLiteral("true", "ExpectedBoolean", Value.TRUE);
      case 'f' -> readLiteral("false", "ExpectedBoolean", Value.FALSE);
      case 'n' -> readLiteral("null", "ExpectedNull", Value.NULL);
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          yield readNumber();
        }
        throw error("UnexpectedCharacter", pos);
      }
    };
  }

  private Value readLiteral(String word, String errorType, Value value) throws JsonException {
    int start = pos;
    for (int i = 0; i < word.length(); i++) {
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (in[pos] != word.charAt(i)) {
        throw error(errorType, start);
      }
      pos++;
    }
    return value;
  }

  private Value readObject() throws JsonException {
    enter();
    pos++; // '{'
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      depth--;
      return Value.EMPTY_OBJECT;
    }
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    boolean firstKey = true;
    while (true) {
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (in[pos] != '"') {
        throw error(firstKey ? "ExpectedObjectContent" : "ExpectedObjectKey", pos);
      }
      firstKey = false;
      pos++;
      String key = readString();
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (in[pos] != ':') {
        throw error("ExpectedObjectColon", pos);
      }
      pos++;
      skipWhitespace();
      fields.put(key, readValue());
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      byte b = in[pos++];
      if (b == '}') {
        depth--;
        return Value.obj(KeyOrder.parsed(fields));
      }
      if (b != ',') {
        throw error("ExpectedObjectContent", pos - 1);
      }
      skipWhitespace();
    }
  }

  private Value readArray() throws JsonException {
    enter();
    pos++; // '['
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      depth--;
      return Value.EMPTY_ARRAY;
    }
    List<Value> items = new ArrayList<>();
    while (true) {
      items.add(readValue());
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      byte b = in[pos++];
      if (b == ']') {
        depth--;
        return new Value.Arr(items);
      }
      if (b != ',') {
        throw error("ExpectedArrayContent", pos - 1);
      }
      skipWhitespace();
    }
  }

  private void enter() throws JsonException {
    if (++depth > MAX_DEPTH) {
      throw new JsonException(
          describe("NestingTooDeep", pos)
              + ": more than "
              + MAX_DEPTH
              + " nested arrays/objects are not supported",
          pos - base);
    }
  }

  // ---------------------------------------------------------------- numbers

  private Value readNumber() throws JsonException {
    int start = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    if (pos >= end) {
      throw error("Eof", pos);
    }
    // Integer part: accumulate negatively so that Long.MIN_VALUE fits.
    long acc = 0;
    boolean overflow = false;
    int digits = 0;
    byte b = in[pos];
    if (b == '0') {
      pos++;
      digits = 1;
    } else if (b >= '1' && b <= '9') {
      while (pos < end && (b = in[pos]) >= '0' && b <= '9') {
        int d = b - '0';
        if (acc < (Long.MIN_VALUE + d) / 10) {
          overflow = true;
        } else {
          acc = acc * 10 - d;
        }
        digits++;
        pos++;
      }
    } else {
      throw error("InvalidNumber", pos);
    }
    boolean fraction = false;
    int fractionDigits = 0;
    if (pos < end && in[pos] == '.') {
      fraction = true;
      pos++;
      while (pos < end && (b = in[pos]) >= '0' && b <= '9') {
        fractionDigits++;
        pos++;
      }
      if (fractionDigits == 0) {
        throw pos >= end ? error("Eof", pos) : error("InvalidNumber", pos);
      }
    }
    boolean exponent = false;
    if (pos < end && ((b = in[pos]) == 'e' || b == 'E')) {
      exponent = true;
      pos++;
      if (pos < end && ((b = in[pos]) == '+' || b == '-')) {
        pos++;
      }
      int expDigits = 0;
      while (pos < end && (b = in[pos]) >= '0' && b <= '9') {
        expDigits++;
        pos++;
      }
      if (expDigits == 0) {
        throw pos >= end ? error("Eof", pos) : error("InvalidExponent", pos);
      }
    }
    if (!fraction && !exponent && !overflow) {
      if (negative) {
        return Value.of(acc);
      }
      if (acc != Long.MIN_VALUE) {
        return Value.of(-acc);
      }
    }
    return Value.of(
        toDouble(start, negative, digits, fraction, fractionDigits, exponent, overflow));
  }

  private double toDouble(
      int start,
      boolean negative,
      int intDigits,
      boolean fraction,
      int fractionDigits,
      boolean exponent,
      boolean overflow) {
    if (TremorJson.enabled()) {
      double tremor = SimdJsonFloats.read(in, start, pos);
      if (!Double.isNaN(tremor)) {
        return tremor;
      }
    }
    // Exact fast path: at most 15 significant digits and a small power of ten.
    if (!exponent && !overflow && intDigits + fractionDigits <= 15 && fractionDigits <= 22) {
      long mantissa = 0;
      for (int i = negative ? start + 1 : start; i < pos; i++) {
        byte b = in[i];
        if (b != '.') {
          mantissa = mantissa * 10 + (b - '0');
        }
      }
      double value = mantissa / POWERS_OF_TEN[fractionDigits];
      return negative ? -value : value;
    }
    return Double.parseDouble(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
  }

  // ---------------------------------------------------------------- strings

  /** Reads a string whose opening quote was consumed; leaves pos after the closing quote. */
  private String readString() throws JsonException {
    int start = pos;
    boolean ascii = true;
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        String s =
            ascii
                ? new String(in, start, pos - start, StandardCharsets.ISO_8859_1)
                : decodeValidated(start, pos);
        pos++;
        return s;
      }
      if (b == '\\') {
        return readEscapedString(start);
      }
      if (b < 0) {
        ascii = false;
      } else if (b < 0x20) {
        throw error("UnexpectedControlCharacter", pos);
      }
      pos++;
    }
    throw error("Eof", pos);
  }

  private String decodeValidated(int from, int to) throws JsonException {
    Utf8.Error e = Utf8.findError(in, from, to);
    if (e != null) {
      throw error("InvalidUtf8", from + e.validUpTo());
    }
    return new String(in, from, to - from, StandardCharsets.UTF_8);
  }

  /** Slow path for strings with escapes: decodes into a char buffer from {@code start}. */
  private String readEscapedString(int start) throws JsonException {
    pos = start;
    int n = 0;
    char[] buf = chars(16);
    while (true) {
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (n + 2 > buf.length) {
        buf = chars(buf.length * 2);
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        pos++;
        chars = buf;
        return new String(buf, 0, n);
      }
      if (b == '\\') {
        int escapeAt = pos;
        if (pos + 1 >= end) {
          throw error("Eof", end);
        }
        byte e = in[pos + 1];
        pos += 2;
        switch (e) {
          case '"' -> buf[n++] = '"';
          case '\\' -> buf[n++] = '\\';
          case '/' -> buf[n++] = '/';
          case 'b' -> buf[n++] = '\b';
          case 'f' -> buf[n++] = '\f';
          case 'n' -> buf[n++] = '\n';
          case 'r' -> buf[n++] = '\r';
          case 't' -> buf[n++] = '\t';
          case 'u' -> n = readUnicodeEscape(escapeAt, buf, n);
          default -> throw error("InvalidEscape", escapeAt);
        }
      } else if (b < 0x20) {
        throw error("UnexpectedControlCharacter", pos);
      } else if (b < 0x80) {
        buf[n++] = (char) b;
        pos++;
      } else {
        int length = Utf8.sequenceError(in, pos, end);
        if (length <= 0) {
          throw error("InvalidUtf8", pos);
        }
        int cp = decodeCodePoint(pos, length);
        n += Character.toChars(cp, buf, n);
        pos += length;
      }
    }
  }

  private char[] chars(int minLength) {
    char[] current = chars;
    if (current == null) {
      chars = new char[Math.max(minLength, 64)];
      return chars;
    }
    if (current.length < minLength) {
      char[] bigger = new char[Math.max(minLength, current.length * 2)];
      System.arraycopy(current, 0, bigger, 0, current.length);
      chars = bigger;
    }
    return chars;
  }

  private int decodeCodePoint(int i, int length) {
    int first = in[i] & 0xFF;
    return switch (length) {
      case 2 -> ((first & 0x1F) << 6) | (in[i + 1] & 0x3F);
      case 3 -> ((first & 0x0F) << 12) | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
      default ->
          ((first & 0x07) << 18)
              | ((in[i + 1] & 0x3F) << 12)
              | ((in[i + 2] & 0x3F) << 6)
              | (in[i + 3] & 0x3F);
    };
  }

  /** Handles {@code \}{@code uXXXX} (pos is after the 'u'), pairing surrogates. */
  private int readUnicodeEscape(int escapeAt, char[] buf, int n) throws JsonException {
    int unit = hex4(escapeAt);
    if (Character.isHighSurrogate((char) unit)) {
      if (pos + 1 < end && in[pos] == '\\' && in[pos + 1] == 'u') {
        int lowAt = pos;
        pos += 2;
        int low = hex4(lowAt);
        if (!Character.isLowSurrogate((char) low)) {
          throw error("InvalidUnicodeCodepoint", lowAt);
        }
        buf[n++] = (char) unit;
        buf[n++] = (char) low;
        return n;
      }
      throw error("InvalidUnicodeCodepoint", escapeAt);
    }
    if (Character.isLowSurrogate((char) unit)) {
      throw error("InvalidUnicodeCodepoint", escapeAt);
    }
    buf[n++] = (char) unit;
    return n;
  }

  private int hex4(int escapeAt) throws JsonException {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      if (pos >= end) {
        throw error("Eof", pos);
      }
      int b = in[pos];
      int digit;
      if (b >= '0' && b <= '9') {
        digit = b - '0';
      } else if (b >= 'a' && b <= 'f') {
        digit = b - 'a' + 10;
      } else if (b >= 'A' && b <= 'F') {
        digit = b - 'A' + 10;
      } else {
        throw error("InvalidUnicodeEscape", escapeAt);
      }
      value = (value << 4) | digit;
      pos++;
    }
    return value;
  }

  // ---------------------------------------------------------------- helpers

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String type, int at) {
    return new JsonException(describe(type, at), at - base);
  }

  /**
   * {@code Type at character N ('c')}, N relative to the start of the document; the character part
   * is left out at the end of input.
   */
  private String describe(String type, int at) {
    StringBuilder sb = new StringBuilder(type.length() + 32).append(type).append(" at character ");
    sb.append(at - base);
    if (at < end) {
      sb.append(" ('").append(charAt(at)).append("')");
    }
    return sb.toString();
  }

  /**
   * The (possibly multi-byte) character at {@code at}, control characters and bad bytes escaped.
   */
  private String charAt(int at) {
    int b = in[at] & 0xFF;
    if (b < 0x80) {
      return switch (b) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> b < 0x20 || b == 0x7F ? String.format("\\u{%x}", b) : String.valueOf((char) b);
      };
    }
    int length = Utf8.sequenceError(in, at, end);
    if (length <= 0) {
      return String.format("\\x%02x", b);
    }
    return new String(in, at, length, StandardCharsets.UTF_8);
  }
}
