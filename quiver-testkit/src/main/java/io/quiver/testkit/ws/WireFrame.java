package io.quiver.testkit.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One websocket frame exactly as a conformance case puts it on the wire (RFC 6455 §5.2), with every
 * bit a test may want wrong: FIN, the three reserved bits, any opcode, a payload length encoded in
 * more bytes than needed ({@code lengthBytes}), or a declared length without the payload behind it
 * ({@code declaredLength}).
 *
 * @param lengthBytes 0 for the minimal encoding, or 2 or 8 to force the 16- or 64-bit form
 * @param declaredLength the length written in the header when it differs from the payload's, or -1
 * @param flipMask whether to mask the frame when its sender should not, or the other way round
 */
public record WireFrame(
    boolean fin,
    int rsv,
    int opcode,
    byte[] payload,
    int lengthBytes,
    long declaredLength,
    boolean flipMask) {
  public static final int CONTINUATION = 0;
  public static final int TEXT = 1;
  public static final int BINARY = 2;
  public static final int CLOSE = 8;
  public static final int PING = 9;
  public static final int PONG = 10;

  public static WireFrame of(boolean fin, int opcode, byte[] payload) {
    return new WireFrame(fin, 0, opcode, payload, 0, -1, false);
  }

  public static WireFrame text(String text) {
    return of(true, TEXT, utf8(text));
  }

  public static WireFrame text(byte[] bytes) {
    return of(true, TEXT, bytes);
  }

  public static WireFrame binary(byte[] bytes) {
    return of(true, BINARY, bytes);
  }

  public static WireFrame ping(byte[] payload) {
    return of(true, PING, payload);
  }

  public static WireFrame pong(byte[] payload) {
    return of(true, PONG, payload);
  }

  /** A close frame with a 2-byte code (0 to 65535) and a reason. */
  public static WireFrame close(int code, byte[] reason) {
    byte[] body = new byte[2 + reason.length];
    body[0] = (byte) (code >> 8);
    body[1] = (byte) code;
    System.arraycopy(reason, 0, body, 2, reason.length);
    return of(true, CLOSE, body);
  }

  public static WireFrame close(int code) {
    return close(code, new byte[0]);
  }

  public WireFrame withRsv(int bits) {
    return new WireFrame(fin, bits, opcode, payload, lengthBytes, declaredLength, flipMask);
  }

  public WireFrame withLengthBytes(int bytes) {
    return new WireFrame(fin, rsv, opcode, payload, bytes, declaredLength, flipMask);
  }

  /** The header claims {@code length} payload bytes; only {@link #payload} follows it. */
  public WireFrame declaring(long length) {
    return new WireFrame(fin, rsv, opcode, payload, 8, length, flipMask);
  }

  /** Masked when its sender must not mask, unmasked when it must. */
  public WireFrame flippedMask() {
    return new WireFrame(fin, rsv, opcode, payload, lengthBytes, declaredLength, true);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The frame's bytes, masked with a random key when its sender masks (a client must). */
  public byte[] encode(boolean senderMasks) {
    boolean masked = senderMasks != flipMask;
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0f);
    int maskBit = masked ? 0x80 : 0;
    long length = declaredLength >= 0 ? declaredLength : payload.length;
    int form = lengthBytes != 0 ? lengthBytes : length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
    switch (form) {
      case 0 -> f.write(maskBit | (int) length);
      case 2 -> {
        f.write(maskBit | 126);
        f.write((int) (length >> 8) & 0xff);
        f.write((int) length & 0xff);
      }
      default -> {
        f.write(maskBit | 127);
        for (int i = 7; i >= 0; i--) {
          f.write((int) (length >> (8 * i)) & 0xff);
        }
      }
    }
    byte[] body = payload.clone();
    if (masked) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      f.write(key, 0, 4);
      for (int i = 0; i < body.length; i++) {
        body[i] ^= key[i % 4];
      }
    }
    f.write(body, 0, body.length);
    return f.toByteArray();
  }
}
