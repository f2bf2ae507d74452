package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;

/**
 * The header of one websocket frame (RFC 6455 §5.2), read without consuming it. One instance is
 * reused for every frame of a connection, so reading a header allocates nothing. Public for the JMH
 * hot-path benchmark (quiver-bench).
 */
public final class FrameHeader {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private boolean fin;
  private int rsv;
  private int opcode;
  private boolean masked;
  private int length;
  private long payloadLength;
  private boolean minimal;
  private int maskKey;

  /**
   * Reads the header at {@code in}'s reader index (the index does not move). False when {@code in}
   * does not hold the whole header yet.
   */
  public boolean read(ByteBuf in) {
    int at = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return false;
    }
    int first = in.getUnsignedByte(at);
    int second = in.getUnsignedByte(at + 1);
    int shortLength = second & 0x7F;
    int extended = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
    boolean isMasked = (second & 0x80) != 0;
    int headerLength = 2 + extended + (isMasked ? 4 : 0);
    if (available < headerLength) {
      return false;
    }
    fin = (first & 0x80) != 0;
    rsv = (first >> 4) & 0x7;
    opcode = first & 0x0F;
    masked = isMasked;
    length = headerLength;
    payloadLength =
        switch (extended) {
          case 2 -> in.getUnsignedShort(at + 2);
          case 8 -> in.getLong(at + 2); // negative when the top bit is set: over any limit
          default -> shortLength;
        };
    minimal =
        extended == 0
            || extended == 2 && payloadLength >= 126
            || extended == 8 && payloadLength > 0xFFFF;
    if (payloadLength < 0) {
      payloadLength = Long.MAX_VALUE;
    }
    maskKey = isMasked ? in.getInt(at + 2 + extended) : 0;
    return true;
  }

  boolean fin() {
    return fin;
  }

  /** The three reserved bits (RSV1 is 4). */
  int rsv() {
    return rsv;
  }

  int opcode() {
    return opcode;
  }

  boolean masked() {
    return masked;
  }

  /** The header's own length in bytes (2 to 14). */
  public int length() {
    return length;
  }

  public long payloadLength() {
    return payloadLength;
  }

  /**
   * Whether the length is in its shortest form, as RFC 6455 §5.2 demands (a negative 64-bit length
   * is not).
   */
  boolean minimalLength() {
    return minimal;
  }

  /** The masking key (its first byte the most significant), 0 when not masked. */
  int maskKey() {
    return maskKey;
  }
}
