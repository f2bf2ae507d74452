package io.quiver.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Eight-bytes-at-a-time scans of JSON string content: where the next byte is that a string reader
 * must look at, instead of testing byte by byte. A word's bytes are tested with the usual SWAR
 * arithmetic; the lowest flagged byte is exact (borrows only run towards higher bytes).
 */
final class JsonBytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;

  private JsonBytes() {}

  /**
   * Index of the first byte in {@code [from, to)} that is a quote, a backslash, a control character
   * (below 0x20) or, when {@code stopAtNonAscii}, a byte of 0x80 or more; {@code to} if none.
   */
  static int nextSpecial(byte[] in, int from, int to, boolean stopAtNonAscii) {
    int i = from;
    long high = stopAtNonAscii ? HIGH : 0;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(in, i);
      long flagged = (quoteBackslashOrControl(w) | (w & high)) & HIGH;
      if (flagged != 0) {
        return i + (Long.numberOfTrailingZeros(flagged) >>> 3);
      }
      i += 8;
    }
    for (; i < to; i++) {
      int b = in[i];
      if (b == '"' || b == '\\' || (b >= 0 && b < 0x20) || (b < 0 && stopAtNonAscii)) {
        return i;
      }
    }
    return to;
  }

  /** High bit set in each byte of {@code w} that is a quote, a backslash or below 0x20. */
  private static long quoteBackslashOrControl(long w) {
    return zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES) | ((w - SPACES) & ~w);
  }

  /** High bit set (among others) in each zero byte of {@code x}: exact up to the first. */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x;
  }

  /**
   * {@code expected} padded with zeros to at least eight bytes, for {@link #matches}: the form in
   * which a reader keeps bytes it compares input against often (a record shape's keys).
   */
  static byte[] padded(byte[] expected) {
    return Arrays.copyOf(expected, Math.max(8, expected.length));
  }

  /**
   * Whether {@code in[at, at + n)} lies before {@code end} and equals the first {@code n} bytes of
   * {@code padded} (made by {@link #padded}), compared eight bytes at a time: a short run is one
   * masked word when the array has eight bytes from {@code at}, a longer one whole words and a last
   * word that overlaps the one before.
   */
  static boolean matches(byte[] in, int at, int end, byte[] padded, int n) {
    if (at + n > end) {
      return false;
    }
    if (n < 8) {
      if (at + 8 <= in.length) {
        long mask = (1L << (n << 3)) - 1;
        return (((long) LONGS.get(in, at) ^ (long) LONGS.get(padded, 0)) & mask) == 0;
      }
      for (int i = 0; i < n; i++) {
        if (in[at + i] != padded[i]) {
          return false;
        }
      }
      return true;
    }
    int i = 0;
    for (; i + 8 < n; i += 8) {
      if ((long) LONGS.get(in, at + i) != (long) LONGS.get(padded, i)) {
        return false;
      }
    }
    return (long) LONGS.get(in, at + n - 8) == (long) LONGS.get(padded, n - 8);
  }

  /** A hash of {@code in[from, from + length)} for small caches (not for security). */
  static int hash(byte[] in, int from, int length) {
    long h;
    if (length >= 8) {
      long first = (long) LONGS.get(in, from);
      long last = (long) LONGS.get(in, from + length - 8);
      h = first * 0x9E3779B97F4A7C15L + last;
    } else {
      h = 0;
      for (int i = 0; i < length; i++) {
        h = (h << 8) | (in[from + i] & 0xFF);
      }
    }
    h = (h + length) * 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }
}
