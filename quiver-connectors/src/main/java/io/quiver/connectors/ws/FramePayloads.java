package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies a whole frame's payload out of the bytes read from the socket into the array a message
 * keeps, removing the mask on the way (eight bytes at a time): the payload's one copy and one pass.
 * Public for the JMH hot-path benchmark (quiver-bench).
 */
public final class FramePayloads {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private FramePayloads() {}

  /**
   * The payload of the frame whose {@code header} was just read at {@code in}'s reader index, which
   * must hold the whole frame; moves the reader index past the frame.
   */
  public static byte[] read(ByteBuf in, FrameHeader header) {
    int from = in.readerIndex() + header.length();
    int length = (int) header.payloadLength();
    byte[] payload = new byte[length];
    if (header.masked()) {
      unmask(in, from, payload, header.maskKey());
    } else {
      in.getBytes(from, payload);
    }
    in.skipBytes(header.length() + length);
    return payload;
  }

  /** {@code payload} = the bytes at {@code from} XOR the repeated 4-byte {@code key}. */
  static void unmask(ByteBuf in, int from, byte[] payload, int key) {
    long key64 = ((key & 0xFFFFFFFFL) << 32) | (key & 0xFFFFFFFFL);
    int length = payload.length;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LONG_BE.set(payload, i, in.getLong(from + i) ^ key64);
    }
    for (; i < length; i++) { // i % 8 == i % 4 here, as the loop above stops at a multiple of 8
      payload[i] = (byte) (in.getByte(from + i) ^ (key >>> (24 - 8 * (i & 3))));
    }
  }
}
