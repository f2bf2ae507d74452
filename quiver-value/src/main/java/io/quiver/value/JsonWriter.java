package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON writer into a growable UTF-8 byte buffer, formatted as Tremor writes values: no
 * whitespace, keys in insertion order (or sorted, for comparisons), floats in Rust's ryu style.
 */
final class JsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /** Slots of the record-key cache (a power of two), and the bytes kept per slot. */
  private static final int KEY_SLOTS = 256;

  private static final int KEY_BYTES = 32;

  private final boolean sortKeys;

  /**
   * Record keys written before, by identity, with their written form ({@code "key":}) in a slot of
   * {@link #keyBytes}: a reader hands out the same key strings document after document (its key
   * cache), and a script the same literals, so a key is mostly one small copy. Null when sorting.
   */
  private final String[] keyNames;

  private final byte[] keyBytes;
  private final byte[] keyLengths;
  private byte[] buf;
  private int len;

  JsonWriter(boolean sortKeys, int initialCapacity) {
    this.sortKeys = sortKeys;
    this.buf = new byte[Math.max(16, initialCapacity)];
    this.keyNames = sortKeys ? null : new String[KEY_SLOTS];
    this.keyBytes = sortKeys ? null : new byte[KEY_SLOTS * KEY_BYTES];
    this.keyLengths = sortKeys ? null : new byte[KEY_SLOTS];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Empties the writer for the next document; keeps its buffer. */
  void reset() {
    len = 0;
  }

  /** Drops a buffer grown beyond {@code maxKept} bytes, so one large document pins no memory. */
  void shrink(int maxKept, int initialCapacity) {
    if (buf.length > maxKept) {
      buf = new byte[initialCapacity];
    }
    len = 0;
  }

  byte[] buffer() {
    return buf;
  }

  int length() {
    return len;
  }

  void write(Value value) {
    // an instanceof chain: cheaper per value than a pattern switch's type-switch call site
    if (value instanceof Value.Str s) {
      byte[] utf8 = s.utf8OrNull();
      if (utf8 != null) {
        writeUtf8(utf8);
      } else {
        writeString(s.value());
      }
    } else if (value instanceof Value.Obj o) {
      writeObject(o.fields());
    } else if (value instanceof Value.Int i) {
      writeLong(i.value());
    } else if (value instanceof Value.Arr a) {
      writeArray(a.items());
    } else if (value instanceof Value.Float f) {
      writeDouble(f.value());
    } else if (value instanceof Value.Bool b) {
      raw(b.value() ? TRUE : FALSE);
    } else if (value instanceof Value.Bytes b) {
      writeBytesAsBase64(b.value());
    } else {
      raw(NULL);
    }
  }

  private void writeArray(List<Value> items) {
    put('[');
    for (int i = 0, n = items.size(); i < n; i++) {
      if (i > 0) {
        put(',');
      }
      write(items.get(i));
    }
    put(']');
  }

  private void writeObject(Map<String, Value> fields) {
    put('{');
    boolean first = true;
    if (sortKeys) {
      List<String> keys = new ArrayList<>(fields.keySet());
      keys.sort(null);
      for (String key : keys) {
        if (!first) {
          put(',');
        }
        first = false;
        writeString(key);
        put(':');
        write(fields.get(key));
      }
    } else if (fields instanceof ArrayFields a) {
      for (int i = 0, n = a.size(); i < n; i++) {
        if (i > 0) {
          put(',');
        }
        writeKey(a.keyAt(i));
        write(a.valueAt(i));
      }
    } else {
      for (Map.Entry<String, Value> e : fields.entrySet()) {
        if (!first) {
          put(',');
        }
        first = false;
        writeKey(e.getKey());
        write(e.getValue());
      }
    }
    put('}');
  }

  /**
   * Binary as Tremor 0.11's value writer (its codecs, {@code chash::sorted_serialize}) puts it: a
   * string of standard base64 with padding. ({@code json::encode} goes through serde instead and
   * writes an array of integers: {@code ValueOps.encode} in quiver-script.)
   */
  private void writeBytesAsBase64(byte[] bytes) {
    byte[] encoded = Base64.getEncoder().encode(bytes);
    ensure(encoded.length + 2);
    buf[len++] = '"';
    System.arraycopy(encoded, 0, buf, len, encoded.length);
    len += encoded.length;
    buf[len++] = '"';
  }

  private void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      ascii("-9223372036854775808");
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int p = len + digits;
    len = p;
    do {
      buf[--p] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
  }

  private void writeDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      raw(NULL);
      return;
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15 && d != 0) {
      writeLong((long) d); // integral and short: ryu prints the digits plus ".0"
      ensure(2);
      buf[len++] = '.';
      buf[len++] = '0';
      return;
    }
    ascii(FloatText.ryuStyle(d));
  }

  /** A record key and its colon, from the key cache when this very string was written before. */
  private void writeKey(String key) {
    int slot = key.hashCode() & (KEY_SLOTS - 1);
    if (keyNames[slot] == key) {
      int n = keyLengths[slot];
      ensure(n);
      System.arraycopy(keyBytes, slot * KEY_BYTES, buf, len, n);
      len += n;
      return;
    }
    int start = len;
    writeString(key);
    put(':');
    int n = len - start;
    if (n <= KEY_BYTES) {
      System.arraycopy(buf, start, keyBytes, slot * KEY_BYTES, n);
      keyLengths[slot] = (byte) n;
      keyNames[slot] = key;
    }
  }

  /**
   * A string kept as its (valid) UTF-8 bytes, e.g. as a reader found it: runs without a quote, a
   * backslash or a control character are copied eight bytes' scan at a time, those are escaped. The
   * same bytes as writing its text would give.
   */
  private void writeUtf8(byte[] s) {
    int n = s.length;
    ensure(n + 2);
    buf[len++] = '"';
    int i = 0;
    while (true) {
      int stop = JsonBytes.nextSpecial(s, i, n, false);
      System.arraycopy(s, i, buf, len, stop - i);
      len += stop - i;
      if (stop == n) {
        break;
      }
      writeEscape((char) s[stop]);
      i = stop + 1;
      ensure(n - i + 1);
    }
    buf[len++] = '"';
  }

  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): chars < 0x80 only
  private void writeString(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    // the plain ASCII start (most strings are all of it) in one bulk copy, the rest char by char
    int plain = 0;
    while (plain < n && isPlain(s.charAt(plain))) {
      plain++;
    }
    s.getBytes(0, plain, buf, len);
    len += plain;
    for (int i = plain; i < n; ) {
      i = writeChar(s, i, n);
    }
    put('"');
  }

  /** A char written as its one ASCII byte, without an escape. */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
  }

  /** Writes the character at {@code i} (a surrogate pair as one); returns the index after it. */
  private int writeChar(String s, int i, int n) {
    char c = s.charAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\') {
        if (len == buf.length) {
          ensure(1);
        }
        buf[len++] = (byte) c;
      } else {
        writeEscape(c);
      }
    } else if (c < 0x800) {
      ensure(2);
      buf[len++] = (byte) (0xC0 | (c >> 6));
      buf[len++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate(c)) {
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
        return i + 2;
      }
      // A lone surrogate has no UTF-8 form; the \\u escape keeps the text lossless.
      unicodeEscape(c);
    } else {
      ensure(3);
      buf[len++] = (byte) (0xE0 | (c >> 12));
      buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (c & 0x3F));
    }
    return i + 1;
  }

  private void writeEscape(char c) {
    char short_ =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\n' -> 'n';
          case '\r' -> 'r';
          case '\t' -> 't';
          case '\b' -> 'b';
          case '\f' -> 'f';
          default -> 0;
        };
    if (short_ != 0) {
      ensure(2);
      buf[len++] = '\\';
      buf[len++] = (byte) short_;
    } else {
      unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    ensure(6);
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[(c >> 12) & 0xF];
    buf[len++] = HEX[(c >> 8) & 0xF];
    buf[len++] = HEX[(c >> 4) & 0xF];
    buf[len++] = HEX[c & 0xF];
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void put(char c) {
    if (len == buf.length) {
      ensure(1);
    }
    buf[len++] = (byte) c;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
