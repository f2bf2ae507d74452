package io.quiver.connectors.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.quiver.value.ExternalBytes;
import io.quiver.value.Value;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Value.Bytes} over a Netty buffer: bytes read from a socket cross a pipeline and are
 * written to another socket without a Java array or a copy (a script or codec that reads them gets
 * an array made once, {@link Value.Bytes#value}).
 *
 * <p>Ownership: an event can be dropped, duplicated, batched or held by any operator, so nothing on
 * its way is asked to release anything. The value owns one reference of the buffer, released by a
 * {@link Cleaner} once the value is unreachable; a writer sends a retained duplicate ({@link
 * #retainedBuffer}), released by Netty when written. The one who made the value may release it
 * earlier while it provably still holds the only reference ({@link #releaseNow}, e.g. a codec
 * copied the bytes into values of its own). Buffers wait for a garbage collection to come back,
 * so at most {@link #MAX_HELD_BYTES} of them are held at a time: beyond that {@link #reserve}
 * refuses and the caller keeps the bytes in an array, whose garbage brings the collection.
 */
public final class BufferBytes implements ExternalBytes {
  /** Bytes held in buffers by values at most (all values of the process). */
  public static final long MAX_HELD_BYTES = Long.getLong("quiver.experiment.maxHeld", 64L << 20);

  /** EXPERIMENT ONLY: the writer releases right after its write (unsafe in general). */
  public static final boolean EXPERIMENT_RELEASE_AFTER_WRITE =
      Boolean.getBoolean("quiver.experiment.releaseAfterWrite");

  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong HELD = new AtomicLong();

  private final ByteBuf buf;

  /** Set once, before the value is handed on. */
  private Cleaner.Cleanable cleanable;

  private BufferBytes(ByteBuf buf) {
    this.buf = buf;
  }

  /**
   * Reserves room for a buffer of {@code length} bytes that will become a value ({@link #adopt});
   * false when {@link #MAX_HELD_BYTES} are held already. A reservation not adopted is given back
   * with {@link #unreserve}.
   */
  public static boolean reserve(int length) {
    if (HELD.addAndGet(length) > MAX_HELD_BYTES) {
      HELD.addAndGet(-length);
      return false;
    }
    return true;
  }

  /** Gives back a reservation whose buffer did not become a value (released by the caller). */
  public static void unreserve(int length) {
    HELD.addAndGet(-length);
  }

  /**
   * The value over {@code buf}'s readable bytes (reserved with {@link #reserve}), taking over the
   * caller's reference: the caller must neither change nor release the buffer afterwards.
   */
  public static Value.Bytes adopt(ByteBuf buf) {
    BufferBytes b = new BufferBytes(buf);
    Value.Bytes value = Value.Bytes.external(b);
    b.cleanable = CLEANER.register(value, new Release(buf));
    return value;
  }

  /** Bytes held in buffers by values now (for tests and metrics). */
  public static long held() {
    return HELD.get();
  }

  /**
   * {@code value}'s buffer as a retained duplicate for a write (the writer's to release), or null
   * when its bytes are not in a buffer.
   */
  public static ByteBuf retainedBuffer(Value.Bytes value) {
    try {
      return value.external() instanceof BufferBytes b ? b.buf.retainedDuplicate() : null;
    } finally {
      Reference.reachabilityFence(value); // not cleaned before the duplicate holds its reference
    }
  }

  /**
   * Releases {@code value}'s buffer now, by the one who made it while it holds the only reference
   * to the value (nothing may read its external bytes afterwards; its array, if made, stays).
   */
  public static void releaseNow(Value.Bytes value) {
    if (value.external() instanceof BufferBytes b) {
      b.cleanable.clean();
    }
  }

  @Override
  public int length() {
    return buf.readableBytes();
  }

  @Override
  public byte[] toArray() {
    return ByteBufUtil.getBytes(buf, buf.readerIndex(), buf.readableBytes(), true);
  }

  /** The cleaning action: holds the buffer, never the value. */
  private record Release(ByteBuf buf) implements Runnable {
    @Override
    public void run() {
      HELD.addAndGet(-buf.readableBytes());
      buf.release();
    }
  }
}
