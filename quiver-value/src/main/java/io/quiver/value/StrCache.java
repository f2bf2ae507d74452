package io.quiver.value;

import java.util.Arrays;

/**
 * Short ASCII string values a reader has made before (codes, levels, host and tag names), found
 * again by their bytes: a direct-mapped table, the newest value wins a slot. A hit costs a hash and
 * a byte comparison instead of a new value. The values are {@link Value.Str#ofUtf8} strings, whose
 * bytes the table compares against and a writer copies out as they are. One instance per thread
 * (not thread-safe); the values it hands out are immutable and may go anywhere.
 */
final class StrCache {
  /** Longer strings (texts, identifiers) are rarely repeated: made afresh every time. */
  static final int MAX_LENGTH = 24;

  private final Value.Str[] values;
  private final int mask;

  /**
   * @param slots number of entries, a power of two
   */
  StrCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    values = new Value.Str[slots];
    mask = slots - 1;
  }

  /**
   * The string of the plain ASCII bytes {@code in[from, from + length)}, which hold no quote,
   * backslash or control character; {@code length} is at most {@link #MAX_LENGTH}.
   */
  Value.Str ascii(byte[] in, int from, int length) {
    int slot = JsonBytes.hash(in, from, length) & mask;
    Value.Str known = values[slot];
    if (known != null) {
      byte[] bytes = known.utf8OrNull();
      if (bytes.length == length && Arrays.equals(bytes, 0, length, in, from, from + length)) {
        return known;
      }
    }
    Value.Str made = Value.Str.ofUtf8(Arrays.copyOfRange(in, from, from + length));
    values[slot] = made;
    return made;
  }
}
