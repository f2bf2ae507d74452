package io.quiver.testkit.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 §5.2 frames byte by byte, for the raw-socket test peers ({@link RawWsClient}, {@link
 * DeflateRawClient}, {@link NonReadingClient}, {@link WirePeer}): one encoder and one decoder, so
 * each peer keeps only what makes it different.
 */
final class WsFrames {
  /** A frame as read: {@code rsv} is the three reserved bits (4 = RSV1), payload unmasked. */
  record Decoded(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {}

  private WsFrames() {}

  /** The bytes of one frame with a minimal length field, masked with a random key if asked. */
  static byte[] encode(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {
    byte[] key = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(key);
    }
    return encode(opcode, fin, rsv, masked ? key : null, payload);
  }

  /** The bytes of one frame with a minimal length field, masked with {@code key} unless null. */
  static byte[] encode(int opcode, boolean fin, int rsv, byte[] key, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0f);
    int maskBit = key != null ? 0x80 : 0;
    if (payload.length < 126) {
      f.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      f.write(maskBit | 126);
      f.write(payload.length >> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    byte[] body = payload.clone();
    if (key != null) {
      f.write(key, 0, 4);
      mask(body, key);
    }
    f.write(body, 0, body.length);
    return f.toByteArray();
  }

  /**
   * Reads the next frame, unmasking its payload; fails on a declared length over {@code maxLength}.
   * Throws what the stream throws (end of stream, socket timeout).
   */
  static Decoded read(DataInputStream in, long maxLength) throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    if (length > maxLength) {
      throw new IOException("a frame of " + length + " bytes: the suite never provokes one");
    }
    byte[] key = null;
    if ((b1 & 0x80) != 0) {
      key = new byte[4];
      in.readFully(key);
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    if (key != null) {
      mask(payload, key);
    }
    return new Decoded(b0 & 0x0f, (b0 & 0x80) != 0, (b0 >> 4) & 0x7, key != null, payload);
  }

  /** Reads the next frame, whatever its length (up to what an array holds). */
  static Decoded read(DataInputStream in) throws IOException {
    return read(in, Integer.MAX_VALUE - 8);
  }

  private static void mask(byte[] bytes, byte[] key) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= key[i % 4];
    }
  }
}
