package io.quiver.connectors.ws;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Per event loop, the array a fused pass-through unmasks and checks a frame's payload in before it
 * copies it into the other connection's outgoing bytes: reused, so a message costs no array. A
 * payload longer than {@link #MAX} gets an array of its own.
 */
final class FusedScratch {
  static final int MAX = 64 * 1024;

  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[1024];
        }
      };

  private FusedScratch() {}

  /** An array of at least {@code length} bytes: this thread's, or a new one past {@link #MAX}. */
  static byte[] of(int length) {
    if (length > MAX) {
      return new byte[length];
    }
    byte[] scratch = SCRATCH.get();
    if (scratch.length < length) {
      scratch = new byte[Integer.highestOneBit(Math.max(1, length - 1)) << 1];
      SCRATCH.set(scratch);
    }
    return scratch;
  }
}
