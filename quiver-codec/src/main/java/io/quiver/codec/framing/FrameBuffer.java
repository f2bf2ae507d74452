package io.quiver.codec.framing;

import java.util.Arrays;

/** Bytes received but not yet framed: appended at the end, consumed from the front. */
final class FrameBuffer {
  private static final byte[] NO_BYTES = new byte[0];

  /** A buffer grown beyond this is released once emptied, so idle streams stay small. */
  private static final int RETAINED = 64 * 1024;

  private byte[] bytes = NO_BYTES;
  private int start;
  private int end;

  int length() {
    return end - start;
  }

  byte at(int i) {
    return bytes[start + i];
  }

  void append(byte[] data) {
    if (data.length == 0) {
      return;
    }
    if (end + data.length > bytes.length) {
      int live = length();
      long needed = (long) live + data.length;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("frame buffer overflow");
      }
      byte[] grown =
          needed <= bytes.length
              ? bytes
              : new byte
                  [(int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, bytes.length * 2L))];
      System.arraycopy(bytes, start, grown, 0, live);
      bytes = grown;
      start = 0;
      end = live;
    }
    System.arraycopy(data, 0, bytes, end, data.length);
    end += data.length;
  }

  /** Removes and returns the first {@code n} bytes. */
  byte[] take(int n) {
    byte[] out = Arrays.copyOfRange(bytes, start, start + n);
    skip(n);
    return out;
  }

  void skip(int n) {
    start += n;
    if (start == end) {
      clear();
    }
  }

  long readLong() {
    return LengthPrefixedPostprocessor.readLong(bytes, start);
  }

  void clear() {
    start = 0;
    end = 0;
    if (bytes.length > RETAINED) {
      bytes = NO_BYTES;
    }
  }
}
