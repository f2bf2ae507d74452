package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recursive-descent JSON parser over UTF-8 bytes (RFC 8259, exactly one document), straight from
 * the input array: strings are scanned eight bytes at a time and made once from their bytes (keys
 * from a cache), records and arrays are collected on scratch stacks and built once at their size.
 * One instance per thread, reused for its documents. Error texts follow simd-json's display ({@code
 * <ErrorType> at character <i> ('<c>')}) because Tremor shows them to users.
 */
final class JsonReader {
  /** Deeper nesting is rejected instead of risking a stack overflow. */
  static final int MAX_DEPTH = Json.MAX_DEPTH;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final int SMALL_INT_MIN = -128;

  private static final int SMALL_INT_MAX = 1023;

  /** Integers read as often as counters, indexes and codes are: one instance each. */
  private static final Value.Int[] SMALL_INTS = new Value.Int[SMALL_INT_MAX - SMALL_INT_MIN + 1];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = new Value.Int(i + SMALL_INT_MIN);
    }
  }

  /** Scratch stacks start at the size the previous document needed, within these bounds. */
  private static final int STACK_MIN = 16;

  private static final int STACK_MAX = 4096;

  /** The decoded-text buffer is dropped after a document that grew it beyond this. */
  private static final int TEXT_KEPT = 64 * 1024;

  private final StringCache keyCache = new StringCache(512);

  /** Key lists of records read before, by their first key. */
  private final RecordShapes shapes = new RecordShapes(64);

  private byte[] in;
  private int base;
  private int end;
  private int pos;
  private int depth;

  /**
   * Values of the arrays and records being read, innermost last (no list or map per level). Made
   * per document: a young array takes the references of the young values without the garbage
   * collector's card-marking cost that storing them into a long-lived array would have.
   */
  private Value[] values;

  private int valueCount;
  private int stackSize = STACK_MIN;

  /** Keys of the records being read, parallel to their values on {@link #values}. */
  private String[] keys;

  /** Zeros, for {@link ArrayFields#of} to find repeated keys in. */
  private int[] keyTable = new int[ArrayFields.tableLength(STACK_MIN)];

  /** Decoded bytes of a string with escapes. */
  private byte[] text = new byte[64];

  /**
   * Reads one document from {@code in[from, to)}. A reader is reused for one thread's documents,
   * one at a time: it keeps its key cache and scratch tables.
   */
  Value read(byte[] in, int from, int to) throws JsonException {
    this.in = in;
    this.base = from;
    this.pos = from;
    this.end = to;
    this.depth = 0;
    this.valueCount = 0;
    this.values = new Value[stackSize];
    this.keys = new String[stackSize];
    boolean read = false;
    try {
      Value value = readDocument();
      read = true;
      return value;
    } finally {
      release(read);
    }
  }

  /** Forgets the document and what it referred to; drops scratch space a large one grew. */
  private void release(boolean read) {
    in = null;
    stackSize = Math.min(values.length, STACK_MAX);
    values = null;
    keys = null;
    if (keyTable.length > ArrayFields.tableLength(STACK_MAX)) {
      keyTable = new int[ArrayFields.tableLength(STACK_MIN)];
    } else if (!read) {
      Arrays.fill(keyTable, 0); // an error may have come in the middle of ArrayFields.of
    }
    if (text.length > TEXT_KEPT) {
      text = new byte[64];
    }
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
        yield readStringValue();
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
    if (pos >= end) {
      throw error("Eof", pos);
    }
    if (in[pos] == '}') {
      pos++;
      depth--;
      return Value.EMPTY_OBJECT;
    }
    if (in[pos] != '"') {
      throw error("ExpectedObjectContent", pos);
    }
    pos++;
    String key = readKey();
    // While the keys follow a shape read before, only values go on the stack: the keys are the
    // shape's first `fields` keys (put on the key stack if the record leaves the shape).
    RecordShapes.Shape shape = shapes.find(key);
    int first = valueCount;
    int fields = 0;
    while (true) {
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (in[pos] != ':') {
        throw error("ExpectedObjectColon", pos);
      }
      pos++;
      skipWhitespace();
      Value value = readValue();
      if (shape == null) {
        push(key, value);
      } else {
        push(value);
      }
      fields++;
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      byte b = in[pos++];
      if (b == '}') {
        depth--;
        return Value.obj(KeyOrder.parsed(endObject(shape, first)));
      }
      if (b != ',') {
        throw error("ExpectedObjectContent", pos - 1);
      }
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      if (in[pos] != '"') {
        throw error("ExpectedObjectKey", pos);
      }
      pos++;
      if (shape != null) {
        if (fields < shape.size() && expectKey(shape.keyBytes[fields])) {
          key = shape.keys[fields];
          continue;
        }
        leaveShape(shape, first, fields);
        shape = null;
      }
      key = readKey();
    }
  }

  /**
   * The fields of the record whose values are on the stack from {@code first}; its keys are the
   * start of {@code shape} or, without one, on the key stack. Pops them.
   */
  private ArrayFields endObject(RecordShapes.Shape shape, int first) {
    int n = valueCount - first;
    ArrayFields fields;
    if (shape != null && n == shape.size()) {
      RecordShapes.matched(shape);
      fields = ArrayFields.owned(shape.keys, Arrays.copyOfRange(values, first, valueCount));
    } else {
      if (shape != null) {
        leaveShape(shape, first, n);
      }
      if (n > ArrayFields.LINEAR_LIMIT && keyTable.length < ArrayFields.tableLength(n)) {
        keyTable = new int[ArrayFields.tableLength(n)];
      }
      fields = ArrayFields.of(keys, values, first, n, keyTable);
      if (fields.size() == n) {
        shapes.remember(keys, first, n);
      }
    }
    valueCount = first;
    return fields;
  }

  /** A record that followed {@code shape} for its first {@code n} keys goes on without it. */
  private void leaveShape(RecordShapes.Shape shape, int first, int n) {
    RecordShapes.missed(shape);
    System.arraycopy(shape.keys, 0, keys, first, n);
  }

  /**
   * Whether the key starting at pos (after its opening quote) is {@code expected}'s bytes and a
   * closing quote; if so pos is left after the quote. The expected bytes are plain ASCII, so equal
   * bytes are the same key as reading it would give.
   */
  private boolean expectKey(byte[] expected) {
    int stop = pos + expected.length;
    if (stop < end
        && in[stop] == '"'
        && Arrays.equals(in, pos, stop, expected, 0, expected.length)) {
      pos = stop + 1;
      return true;
    }
    return false;
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
    int first = valueCount;
    while (true) {
      push(null, readValue());
      skipWhitespace();
      if (pos >= end) {
        throw error("Eof", pos);
      }
      byte b = in[pos++];
      if (b == ']') {
        depth--;
        Value[] items = Arrays.copyOfRange(values, first, valueCount);
        valueCount = first;
        return new Value.Arr(Arrays.asList(items));
      }
      if (b != ',') {
        throw error("ExpectedArrayContent", pos - 1);
      }
      skipWhitespace();
    }
  }

  /** Pushes a value of a record that follows a shape (its key slot is not written). */
  private void push(Value value) {
    int n = valueCount;
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
      keys = Arrays.copyOf(keys, n * 2);
    }
    values[n] = value;
    valueCount = n + 1;
  }

  private void push(String key, Value value) {
    int n = valueCount;
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
      keys = Arrays.copyOf(keys, n * 2);
    }
    keys[n] = key;
    values[n] = value;
    valueCount = n + 1;
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
        return integer(acc);
      }
      if (acc != Long.MIN_VALUE) {
        return integer(-acc);
      }
    }
    return Value.of(
        toDouble(start, negative, digits, fraction, fractionDigits, exponent, overflow));
  }

  private static Value.Int integer(long value) {
    return value >= SMALL_INT_MIN && value <= SMALL_INT_MAX
        ? SMALL_INTS[(int) value - SMALL_INT_MIN]
        : new Value.Int(value);
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

  /** Reads a record key whose opening quote was consumed; a plain ASCII key from the cache. */
  private String readKey() throws JsonException {
    int start = pos;
    int stop = JsonBytes.nextSpecial(in, start, end, true);
    if (stop < end && in[stop] == '"') {
      pos = stop + 1;
      return keyCache.ascii(in, start, stop - start);
    }
    return readString();
  }

  /** Reads a string whose opening quote was consumed; leaves pos after the closing quote. */
  private String readString() throws JsonException {
    int start = pos;
    int at = closingQuote(start);
    if (at >= 0) {
      return new String(in, start, at - start, StandardCharsets.UTF_8);
    }
    int n = readEscaped();
    return new String(text, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Reads a string value whose opening quote was consumed, as its UTF-8 bytes ({@link
   * Value.Str#ofUtf8}): no {@code String} is made unless something reads the text, and a writer
   * copies the bytes out as they are. (A cache of short values was tried: its lookups cost more
   * than the two small allocations they save.)
   */
  private Value.Str readStringValue() throws JsonException {
    int start = pos;
    int at = closingQuote(start);
    if (at >= 0) {
      return Value.Str.ofUtf8(Arrays.copyOfRange(in, start, at));
    }
    int n = readEscaped();
    return Value.Str.ofUtf8(Arrays.copyOf(text, n));
  }

  /**
   * Scans string content from {@code start} (after the opening quote). Without escapes: the index
   * of the closing quote (pos is left after it; the content is valid UTF-8). With an escape: -1,
   * pos left at {@code start} for {@link #readEscaped}.
   */
  private int closingQuote(int start) throws JsonException {
    int at = JsonBytes.nextSpecial(in, start, end, true);
    boolean ascii = true;
    while (at < end) {
      byte b = in[at];
      if (b == '"') {
        if (!ascii) {
          Utf8.Error e = Utf8.findError(in, start, at);
          if (e != null) {
            throw error("InvalidUtf8", start + e.validUpTo());
          }
        }
        pos = at + 1;
        return at;
      }
      if (b == '\\') {
        pos = start;
        return -1;
      }
      if (b >= 0) {
        throw error("UnexpectedControlCharacter", at);
      }
      ascii = false; // validated at the end, after looking for control characters
      at = JsonBytes.nextSpecial(in, at + 1, end, false);
    }
    throw error("Eof", end);
  }

  /**
   * Slow path for strings with escapes (pos at the first content byte): plain runs are copied as
   * they are and escapes decoded into {@link #text} as UTF-8; returns its length. Leaves pos after
   * the closing quote.
   */
  private int readEscaped() throws JsonException {
    int n = 0;
    while (true) {
      int stop = JsonBytes.nextSpecial(in, pos, end, true);
      int run = stop - pos;
      if (run > 0) {
        n = room(n, run);
        System.arraycopy(in, pos, text, n, run);
        n += run;
        pos = stop;
      }
      if (pos >= end) {
        throw error("Eof", pos);
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        pos++;
        return n;
      }
      if (b == '\\') {
        int escapeAt = pos;
        if (pos + 1 >= end) {
          throw error("Eof", end);
        }
        byte e = in[pos + 1];
        pos += 2;
        n = room(n, 4);
        switch (e) {
          case '"' -> text[n++] = '"';
          case '\\' -> text[n++] = '\\';
          case '/' -> text[n++] = '/';
          case 'b' -> text[n++] = '\b';
          case 'f' -> text[n++] = '\f';
          case 'n' -> text[n++] = '\n';
          case 'r' -> text[n++] = '\r';
          case 't' -> text[n++] = '\t';
          case 'u' -> n = readUnicodeEscape(escapeAt, n);
          default -> throw error("InvalidEscape", escapeAt);
        }
      } else if (b < 0x20) {
        throw error("UnexpectedControlCharacter", pos);
      } else {
        int length = Utf8.sequenceError(in, pos, end);
        if (length <= 0) {
          throw error("InvalidUtf8", pos);
        }
        n = room(n, length);
        System.arraycopy(in, pos, text, n, length);
        n += length;
        pos += length;
      }
    }
  }

  /** Makes room for {@code extra} more bytes after the {@code n} in {@link #text}; returns n. */
  private int room(int n, int extra) {
    if (n + extra > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, n + extra));
    }
    return n;
  }

  /** Appends a code point to {@link #text} as UTF-8 (room for 4 bytes was made); the new length. */
  private int putCodePoint(int cp, int n) {
    byte[] t = text;
    if (cp < 0x80) {
      t[n++] = (byte) cp;
    } else if (cp < 0x800) {
      t[n++] = (byte) (0xC0 | (cp >> 6));
      t[n++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      t[n++] = (byte) (0xE0 | (cp >> 12));
      t[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      t[n++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      t[n++] = (byte) (0xF0 | (cp >> 18));
      t[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      t[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      t[n++] = (byte) (0x80 | (cp & 0x3F));
    }
    return n;
  }

  /**
   * Handles {@code \}{@code uXXXX} (pos is after the 'u'), pairing surrogates; appends the code
   * point to {@link #text} as UTF-8 and returns the new length.
   */
  private int readUnicodeEscape(int escapeAt, int n) throws JsonException {
    int unit = hex4(escapeAt);
    if (Character.isHighSurrogate((char) unit)) {
      if (pos + 1 < end && in[pos] == '\\' && in[pos + 1] == 'u') {
        int lowAt = pos;
        pos += 2;
        int low = hex4(lowAt);
        if (!Character.isLowSurrogate((char) low)) {
          throw error("InvalidUnicodeCodepoint", lowAt);
        }
        return putCodePoint(Character.toCodePoint((char) unit, (char) low), n);
      }
      throw error("InvalidUnicodeCodepoint", escapeAt);
    }
    if (Character.isLowSurrogate((char) unit)) {
      throw error("InvalidUnicodeCodepoint", escapeAt);
    }
    return putCodePoint(unit, n);
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
