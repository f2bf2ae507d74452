package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key lists of records a reader has read before, found again by their first key: a stream of
 * records of one layout (a log line's fields, a metric's tags) repeats the same keys in the same
 * order, so a reader that knows the list compares each next key's bytes to the expected one instead
 * of hashing it, and the records share one read-only key array instead of each making and checking
 * its own for repeats. A direct-mapped table keyed by the first key's identity (the reader's key
 * cache hands out the same string for the same bytes); a slot is replaced only after its list
 * failed to match a few records in a row, so two layouts with the same first key do not keep
 * rebuilding each other's. One instance per thread (not thread-safe).
 */
final class RecordShapes {
  /** A shape is replaced after this many records in a row that did not match it. */
  static final int MISSES_BEFORE_REPLACING = 4;

  /** Records of more keys than this are not remembered. */
  static final int MAX_KEYS = 64;

  private final Shape[] slots;
  private final int mask;

  /**
   * @param slots number of entries, a power of two
   */
  RecordShapes(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Shape[slots];
    this.mask = slots - 1;
  }

  /**
   * One remembered key list: distinct plain ASCII keys (no quote, backslash or control character),
   * with their bytes as they appear in JSON after the opening quote.
   */
  static final class Shape {
    /** The keys in order; shared read-only by every record of this shape. */
    final String[] keys;

    /** {@code keys[i]}'s bytes (ISO-8859-1 = ASCII here). */
    final byte[][] keyBytes;

    /** Records in a row that started with this shape's first key but did not match it. */
    int misses;

    Shape(String[] keys) {
      this.keys = keys;
      this.keyBytes = new byte[keys.length][];
      for (int i = 0; i < keys.length; i++) {
        keyBytes[i] = keys[i].getBytes(StandardCharsets.ISO_8859_1);
      }
    }

    int size() {
      return keys.length;
    }
  }

  /**
   * The shape whose first key is this string, or null (then a shape of another first key in its
   * slot counts a miss).
   */
  Shape find(String firstKey) {
    Shape shape = slots[slot(firstKey)];
    if (shape == null) {
      return null;
    }
    String first = shape.keys[0];
    if (first == firstKey || first.equals(firstKey)) {
      return shape;
    }
    shape.misses++;
    return null;
  }

  /** Counts a record that started like {@code shape} but did not match it. */
  static void missed(Shape shape) {
    shape.misses++;
  }

  /** Counts a record that matched {@code shape} to its end. */
  static void matched(Shape shape) {
    shape.misses = 0;
  }

  /**
   * Remembers {@code keys[from, from + n)} (distinct keys, as a record just read had them) unless
   * they cannot be a shape (a key that is not plain ASCII or too long, too many keys), or the slot
   * holds a shape that still matches often.
   */
  void remember(String[] keyStack, int from, int n) {
    if (n == 0 || n > MAX_KEYS) {
      return;
    }
    String first = keyStack[from];
    int slot = slot(first);
    Shape old = slots[slot];
    if (old != null && old.misses < MISSES_BEFORE_REPLACING) {
      return;
    }
    for (int i = 0; i < n; i++) {
      if (!plain(keyStack[from + i])) {
        return;
      }
    }
    slots[slot] = new Shape(Arrays.copyOfRange(keyStack, from, from + n));
  }

  /** A key whose JSON form is its own ASCII bytes between quotes, short enough to be cached. */
  private static boolean plain(String key) {
    int n = key.length();
    if (n > StringCache.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private int slot(String firstKey) {
    int h = firstKey.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
