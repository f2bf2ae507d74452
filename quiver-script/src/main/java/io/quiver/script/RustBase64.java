package io.quiver.script;

import java.io.ByteArrayOutputStream;

/**
 * {@code base64::decode} as the Rust {@code base64} crate (0.13, standard alphabet) decodes:
 * padding is optional but must sit at the end of the last quad, the last symbol may not carry bits
 * that would be dropped, and errors name the offending byte and offset in the crate's words.
 */
final class RustBase64 {
  private RustBase64() {}

  /** The input is not base64; the message is the crate's. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message, null, false, false);
    }
  }

  private static final byte PAD = '=';

  private static int morsel(byte b) {
    int c = b & 0xFF;
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  private static DecodeException invalidByte(int offset, byte b) {
    return new DecodeException("Invalid byte " + (b & 0xFF) + ", offset " + offset + ".");
  }

  static byte[] decode(byte[] in) throws DecodeException {
    int remainder = in.length % 8;
    if (remainder == 1 || remainder == 5) {
      byte last = in[in.length - 1];
      if (last != PAD && morsel(last) < 0) {
        throw invalidByte(in.length - 1, last);
      }
      throw new DecodeException("Encoded text cannot have a 6-bit remainder.");
    }
    // everything before the last (possibly partial) group of 8 symbols is plain symbols
    int start = in.length - (remainder == 0 ? Math.min(8, in.length) : remainder);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4 * 3 + 3);
    long bits = 0;
    int count = 0;
    for (int i = 0; i < start; i++) {
      int m = morsel(in[i]);
      if (m < 0) {
        throw invalidByte(i, in[i]);
      }
      bits = bits << 6 | m;
      if (++count == 4) {
        out.write((int) (bits >> 16));
        out.write((int) (bits >> 8));
        out.write((int) bits);
        bits = 0;
        count = 0;
      }
    }
    // the last group: symbols, then at most the padding that completes its quads
    long leftover = 0;
    int morsels = 0;
    int padding = 0;
    int firstPadding = 0;
    byte lastSymbol = 0;
    for (int i = 0; start + i < in.length; i++) {
      byte b = in[start + i];
      if (b == PAD) {
        if (i % 4 < 2) {
          throw invalidByte(start + (padding > 0 ? firstPadding : i), b);
        }
        if (padding == 0) {
          firstPadding = i;
        }
        padding++;
        continue;
      }
      if (padding > 0) {
        throw invalidByte(start + firstPadding, PAD);
      }
      int m = morsel(b);
      if (m < 0) {
        throw invalidByte(start + i, b);
      }
      lastSymbol = b;
      leftover |= (long) m << (64 - (morsels + 1) * 6);
      morsels++;
    }
    int usable =
        switch (morsels) {
          case 0 -> 0;
          case 2 -> 8;
          case 3 -> 16;
          case 4 -> 24;
          case 6 -> 32;
          case 7 -> 40;
          default -> 48;
        };
    long mask = usable == 64 ? 0 : -1L >>> usable;
    if ((leftover & mask) != 0) {
      throw new DecodeException(
          "Invalid last symbol " + (lastSymbol & 0xFF) + ", offset " + (start + morsels - 1) + ".");
    }
    for (int appended = 0; appended < usable; appended += 8) {
      out.write((int) (leftover >>> (56 - appended)));
    }
    return out.toByteArray();
  }
}
