package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies a whole frame's payload out of the bytes read from the socket into the array a message
 * keeps (one bulk copy), then removes the mask in that array, eight bytes at a time. Public for the
 * JMH hot-path benchmark (quiver-bench).
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
    copy(in, from, payload); // one bulk copy out of the socket's buffer
    if (header.masked()) {
      unmask(payload, header.maskKey()); // then in place, in the array: no buffer call per word
    }
    in.skipBytes(header.length() + length);
    return payload;
  }

  /**
   * Copies the payload of the frame whose {@code header} was just read at {@code in}'s reader index
   * (the whole frame is there) into {@code into} (at least as long), unmasked; the reader index
   * does not move. For a fused pass-through, whose array is reused.
   */
  public static void readInto(ByteBuf in, FrameHeader header, byte[] into) {
    int from = in.readerIndex() + header.length();
    int length = (int) header.payloadLength();
    if (THROUGH_NIO && in.isDirect() && in.nioBufferCount() == 1) {
      in.internalNioBuffer(from, length).get(into, 0, length);
    } else {
      in.getBytes(from, into, 0, length);
    }
    if (header.masked()) {
      unmask(into, length, header.maskKey());
    }
  }

  /**
   * Whether copies out of direct buffers go through their internal NIO buffer: when Netty has no
   * {@code sun.misc.Unsafe} (Java 23+ without {@code --sun-misc-unsafe-memory-access=allow}, as
   * when the jar runs outside the launcher), where {@code getBytes} into an array duplicates the
   * buffer's NIO buffer for every call, 64 bytes per message.
   */
  private static final boolean THROUGH_NIO = !PlatformDependent.hasUnsafe();

  /**
   * Copies {@code payload.length} bytes of {@code in} from {@code index} into {@code payload}
   * without allocating: {@code getBytes} does not allocate for heap buffers nor, with {@code
   * sun.misc.Unsafe}, for direct ones; without it ({@link #THROUGH_NIO}) the buffer's internal NIO
   * buffer, made once per buffer and reused, serves the same bulk copy. On the channel's loop (the
   * internal buffer is the channel's).
   */
  static void copy(ByteBuf in, int index, byte[] payload) {
    if (THROUGH_NIO) {
      copyThroughNio(in, index, payload);
    } else {
      in.getBytes(index, payload);
    }
  }

  /** {@link #copy} without {@code sun.misc.Unsafe}. */
  static void copyThroughNio(ByteBuf in, int index, byte[] payload) {
    if (in.isDirect() && in.nioBufferCount() == 1) {
      in.internalNioBuffer(index, payload.length).get(payload);
    } else {
      in.getBytes(index, payload);
    }
  }

  /** {@code payload} XOR the repeated 4-byte {@code key} (big-endian: its first byte first). */
  static void unmask(byte[] payload, int key) {
    unmask(payload, payload.length, key);
  }

  /** As {@link #unmask(byte[], int)} for the first {@code length} bytes. */
  static void unmask(byte[] payload, int length, int key) {
    long key64 = ((key & 0xFFFFFFFFL) << 32) | (key & 0xFFFFFFFFL);
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LONG_BE.set(payload, i, (long) LONG_BE.get(payload, i) ^ key64);
    }
    for (; i < length; i++) { // i % 8 == i % 4 here, as the loop above stops at a multiple of 8
      payload[i] = (byte) (payload[i] ^ (key >>> (24 - 8 * (i & 3))));
    }
  }
}
