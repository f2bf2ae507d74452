package io.quiver.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation with the error semantics of Rust's {@code std::str::from_utf8}.
 *
 * <p>Rejected: overlong encodings, surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray
 * continuation bytes and the bytes 0xC0, 0xC1, 0xF5..0xFF.
 */
public final class Utf8 {
  /** Reads 8 bytes at a time (four such words per step) to skip ASCII runs quickly. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Where and why validation failed, as Rust's {@code Utf8Error} describes it.
   *
   * @param validUpTo index of the first byte that is not part of a valid sequence (relative to the
   *     start of the checked range)
   * @param errorLength length of the invalid sequence (1 to 3), or 0 when the input ended in the
   *     middle of an otherwise valid sequence (Rust's {@code error_len() == None})
   */
  public record Error(int validUpTo, int errorLength) {
    /** Rust's display text of the error. */
    public String message() {
      return errorLength == 0
          ? "incomplete utf-8 byte sequence from index " + validUpTo
          : "invalid utf-8 sequence of " + errorLength + " bytes from index " + validUpTo;
    }
  }

  /** True when {@code bytes} is valid UTF-8. */
  public static boolean isValid(byte[] bytes) {
    return findError(bytes, 0, bytes.length) == null;
  }

  /**
   * The first error in {@code bytes[from, to)}, or {@code null} when the range is valid UTF-8.
   * Indexes in the result are relative to {@code from}.
   */
  public static Error findError(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      // ASCII runs: 32 bytes per step (four words OR-ed, one test), then 8 at a time
      while (i + 32 <= to
          && (((long) LONGS.get(bytes, i)
                      | (long) LONGS.get(bytes, i + 8)
                      | (long) LONGS.get(bytes, i + 16)
                      | (long) LONGS.get(bytes, i + 24))
                  & HIGH_BITS)
              == 0) {
        i += 32;
      }
      while (i + 8 <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += 8;
      }
      if (i >= to) {
        break;
      }
      int first = bytes[i] & 0xFF;
      if (first < 0x80) {
        i++;
        continue;
      }
      int length = sequenceError(bytes, i, to);
      if (length > 0) {
        i += length;
        continue;
      }
      return new Error(i - from, -length);
    }
    return null;
  }

  /**
   * Checks the multi-byte sequence starting at {@code i} (whose first byte is not ASCII).
   *
   * @return the sequence length (2..4) when valid; otherwise {@code -errorLength}, i.e. -1..-3 for
   *     an invalid sequence and 0 when the input ends inside the sequence
   */
  static int sequenceError(byte[] bytes, int i, int to) {
    int first = bytes[i] & 0xFF;
    int width = width(first);
    if (width == 0) {
      return -1;
    }
    if (i + 1 >= to) {
      return 0;
    }
    int second = bytes[i + 1] & 0xFF;
    boolean secondOk =
        switch (first) {
          case 0xE0 -> second >= 0xA0 && second <= 0xBF;
          case 0xED -> second >= 0x80 && second <= 0x9F;
          case 0xF0 -> second >= 0x90 && second <= 0xBF;
          case 0xF4 -> second >= 0x80 && second <= 0x8F;
          default -> isContinuation(second);
        };
    if (!secondOk) {
      return -1;
    }
    if (width == 2) {
      return 2;
    }
    if (i + 2 >= to) {
      return 0;
    }
    if (!isContinuation(bytes[i + 2] & 0xFF)) {
      return -2;
    }
    if (width == 3) {
      return 3;
    }
    if (i + 3 >= to) {
      return 0;
    }
    if (!isContinuation(bytes[i + 3] & 0xFF)) {
      return -3;
    }
    return 4;
  }

  private static boolean isContinuation(int b) {
    return (b & 0xC0) == 0x80;
  }

  /** Sequence length announced by a non-ASCII first byte, 0 when it cannot start a sequence. */
  private static int width(int first) {
    if (first >= 0xC2 && first <= 0xDF) {
      return 2;
    }
    if (first >= 0xE0 && first <= 0xEF) {
      return 3;
    }
    if (first >= 0xF0 && first <= 0xF4) {
      return 4;
    }
    return 0;
  }
}
