package io.quiver.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
