package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Short ASCII strings a reader has made before (record keys, mostly), found again by their bytes: a
 * direct-mapped table, one entry per slot, the newest string wins a slot. A hit costs a hash and a
 * byte comparison instead of a new string, and the string's own hash code is already computed,
 * which a map of fields needs next. One instance per thread (not thread-safe).
 */
final class StringCache {
  /** Longer strings are made afresh every time. */
  static final int MAX_LENGTH = 48;

  private final byte[][] bytes;
  private final String[] strings;
  private final int mask;

  /**
   * @param slots number of entries, a power of two
   */
  StringCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    bytes = new byte[slots][];
    strings = new String[slots];
    mask = slots - 1;
  }

  /** The string of the ASCII bytes {@code in[from, from + length)}. */
  String ascii(byte[] in, int from, int length) {
    if (length > MAX_LENGTH) {
      return new String(in, from, length, StandardCharsets.ISO_8859_1);
    }
    int slot = JsonBytes.hash(in, from, length) & mask;
    byte[] known = bytes[slot];
    if (known != null && Arrays.equals(known, 0, known.length, in, from, from + length)) {
      return strings[slot];
    }
    String s = new String(in, from, length, StandardCharsets.ISO_8859_1);
    s.hashCode(); // computed once here, kept by the string for every map it is a key of
    bytes[slot] = Arrays.copyOfRange(in, from, from + length);
    strings[slot] = s;
    return s;
  }
}
