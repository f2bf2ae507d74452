package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes a whole, unfragmented websocket data frame (RFC 6455 §5.2) into one buffer: header and
 * payload together, the payload masked when the frame goes from a client (Quiver's upstream side)
 * to a server.
 *
 * <p>Written from a channel's tail, such a buffer passes Netty's {@code WebSocket08FrameEncoder}
 * untouched (that encoder only encodes {@code WebSocketFrame} objects), so a message costs one
 * buffer and one iovec instead of a frame object, a header buffer and a payload buffer, and the
 * mask is applied eight bytes at a time while copying instead of four bytes at a time in a second
 * pass. Control frames (ping, pong, close) still go out as Netty frame objects. Public for the JMH
 * hot-path benchmark (quiver-bench).
 */
public final class DataFrames {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  private static final int FIN = 0x80;
  private static final int MASKED = 0x80;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private DataFrames() {}

  /** The longest header: 2 bytes, an 8-byte length and a 4-byte mask key. */
  public static final int MAX_HEADER = 14;

  /** The frame for {@code payload} with {@code opcode} ({@link #TEXT} or {@link #BINARY}). */
  public static ByteBuf encode(ByteBufAllocator alloc, int opcode, byte[] payload, boolean masked) {
    ByteBuf frame = alloc.ioBuffer(headerLength(payload.length, masked) + payload.length);
    encodeInto(frame, opcode, payload, masked);
    return frame;
  }

  /** Appends the frame for {@code payload} to {@code out} (which grows as needed). */
  public static void encodeInto(ByteBuf out, int opcode, byte[] payload, boolean masked) {
    encodeInto(out, opcode, payload, payload.length, masked);
  }

  /** Appends the frame for the first {@code length} bytes of {@code payload}. */
  public static void encodeInto(
      ByteBuf out, int opcode, byte[] payload, int length, boolean masked) {
    out.ensureWritable(headerLength(length, masked) + length);
    out.writeByte(FIN | opcode);
    int maskBit = masked ? MASKED : 0;
    if (length <= 125) {
      out.writeByte(maskBit | length);
    } else if (length <= 0xFFFF) {
      out.writeByte(maskBit | 126);
      out.writeShort(length);
    } else {
      out.writeByte(maskBit | 127);
      out.writeLong(length);
    }
    if (!masked) {
      out.writeBytes(payload, 0, length);
      return;
    }
    int key = ThreadLocalRandom.current().nextInt();
    out.writeInt(key);
    writeMasked(out, payload, length, key);
  }

  private static int headerLength(int length, boolean masked) {
    return 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (masked ? 4 : 0);
  }

  /** Payloads shorter than this are masked straight into the buffer, a word at a time. */
  private static final int SCRATCH_FROM = 64;

  /**
   * The largest payload masked through a loop's reused scratch array; longer ones get their own.
   */
  private static final int SCRATCH_MAX = 64 * 1024;

  /** Per thread (an event loop): where a payload is masked before one bulk copy into the buffer. */
  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[1024];
        }
      };

  /**
   * Appends {@code payload} XOR the repeated 4-byte {@code key} (big-endian: its first byte first).
   * A longer payload is masked in a heap array first and copied into the buffer in one go: a call
   * on the buffer per eight bytes costs more than the second pass.
   */
  public static void writeMasked(ByteBuf out, byte[] payload, int key) {
    writeMasked(out, payload, payload.length, key);
  }

  /** As {@link #writeMasked(ByteBuf, byte[], int)} for the first {@code length} bytes. */
  public static void writeMasked(ByteBuf out, byte[] payload, int length, int key) {
    long key64 = ((key & 0xFFFFFFFFL) << 32) | (key & 0xFFFFFFFFL);
    if (length >= SCRATCH_FROM) {
      byte[] masked = scratch(length);
      int i = 0;
      for (; i + 8 <= length; i += 8) {
        LONG_BE.set(masked, i, (long) LONG_BE.get(payload, i) ^ key64);
      }
      for (; i < length; i++) { // i % 8 == i % 4 here, as the loop above stops at a multiple of 8
        masked[i] = (byte) (payload[i] ^ (key >>> (24 - 8 * (i & 3))));
      }
      out.writeBytes(masked, 0, length);
      return;
    }
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      out.writeLong((long) LONG_BE.get(payload, i) ^ key64);
    }
    for (; i < length; i++) {
      out.writeByte(payload[i] ^ (key >>> (24 - 8 * (i & 3))));
    }
  }

  /** This thread's scratch array of at least {@code length} bytes (a new one past the maximum). */
  private static byte[] scratch(int length) {
    if (length > SCRATCH_MAX) {
      return new byte[length];
    }
    byte[] scratch = SCRATCH.get();
    if (scratch.length < length) {
      scratch = new byte[Integer.highestOneBit(length - 1) << 1];
      SCRATCH.set(scratch);
    }
    return scratch;
  }
}
