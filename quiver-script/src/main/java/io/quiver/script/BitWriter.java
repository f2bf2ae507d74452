package io.quiver.script;

import java.io.ByteArrayOutputStream;

/**
 * Packs the parts of a binary literal: integers of 1..64 bits, big or little endian, written most
 * significant bit first; parts need not be byte aligned (a trailing partial byte is padded with
 * zero bits at the low end).
 */
final class BitWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int buffer;
  private int pending;

  void write(int bits, boolean bigEndian, long value) {
    long v = bigEndian ? value : littleToBig(bits, value);
    writeBigEndian(bits, v);
  }

  void writeBytes(byte[] data) {
    if (pending == 0) {
      bytes.writeBytes(data);
    } else {
      for (byte b : data) {
        writeBigEndian(8, b & 0xFF);
      }
    }
  }

  byte[] finish() {
    if (pending > 0) {
      bytes.write(buffer);
      buffer = 0;
      pending = 0;
    }
    return bytes.toByteArray();
  }

  private void writeBigEndian(int bits, long value) {
    long v = bits >= 64 ? value : value & ((1L << bits) - 1);
    for (int i = bits - 1; i >= 0; i--) {
      int bit = (int) ((v >>> i) & 1);
      buffer = (buffer << 1) | bit;
      pending++;
      if (pending == 8) {
        bytes.write(buffer);
        buffer = 0;
        pending = 0;
      }
    }
  }

  /** Tremor writes little-endian values as the byte-swapped value of the enclosing width. */
  private static long littleToBig(int bits, long v) {
    if (bits <= 8) {
      return v;
    } else if (bits <= 16) {
      return Short.reverseBytes((short) v) & 0xFFFFL;
    } else if (bits <= 24) {
      return (Integer.reverseBytes((int) v) & 0xFFFFFFFFL) >>> 8;
    } else if (bits <= 32) {
      return Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
    } else if (bits <= 40) {
      return Long.reverseBytes(v) >>> 24;
    } else if (bits <= 48) {
      return Long.reverseBytes(v) >>> 16;
    } else if (bits <= 56) {
      return Long.reverseBytes(v) >>> 8;
    }
    return Long.reverseBytes(v);
  }
}
