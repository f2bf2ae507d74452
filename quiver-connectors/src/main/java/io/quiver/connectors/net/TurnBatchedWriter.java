package io.quiver.connectors.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Future;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the bytes a channel sends during one event-loop turn in one buffer and writes it once at
 * the end of the turn (or as soon as {@value #WRITE_AT_BYTES} bytes are collected): one allocation,
 * one outbound-buffer entry and one iovec per turn instead of per message, and no walk through the
 * channel's handlers per message. This is what makes a busy proxy's writes as cheap as a byte
 * pump's.
 *
 * <p>It sits near the head of the pipeline, below the protocol's encoders (and above TLS, so the
 * collected bytes are encrypted). Writers on the channel's loop call {@link #append(byte[],
 * Consumer)}, or a protocol's subclass encodes into {@link #buffer} and calls {@link #appended};
 * anything written through the pipeline first pushes out what was collected, so bytes leave in the
 * order they were written. A flush through the pipeline does the same. Everything runs on the
 * channel's loop.
 */
public class TurnBatchedWriter extends ChannelDuplexHandler {
  /** The first buffer of a turn; it grows as needed. */
  private static final int INITIAL_CAPACITY = 2048;

  /**
   * Collected bytes that are written at once instead of at the end of the turn: a window of large
   * messages read in one turn (16 x 4 KiB from one client) then reaches the peer in pieces while
   * the rest is still being decoded, so the peer works in parallel (a quarter more messages/s
   * through the ws proxy with one connection and 16 x 4 KiB in flight, CPU per message equal:
   * docs/benchmarks/ws1c-s9.md).
   */
  static final int WRITE_AT_BYTES = 16 * 1024;

  /**
   * Told how many bytes this channel holds: added when bytes are collected, gone when the turn's
   * buffer was written to the socket, failed or dropped. On the channel's loop.
   */
  public interface Meter {
    void held(int bytes);

    void released(int bytes);
  }

  /** Set once at most after construction ({@link #countWith}); never unset. */
  private Meter meter;

  private ChannelHandlerContext ctx;
  private ByteBuf pending;

  /** Told when {@link #pending} has been written (or failed to be): per-write acks and counts. */
  private final List<Consumer<Future<?>>> pendingListeners = new ArrayList<>();

  private boolean flushScheduled;
  private final Runnable flushTask = this::flushPending;

  /** Whether something went through the pipeline this turn (it needs the end-of-turn flush). */
  private boolean throughPipeline;

  /**
   * @param meter told the bytes this channel holds, or null
   */
  public TurnBatchedWriter(Meter meter) {
    this.meter = meter;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** The handler's context (set when it was added to the pipeline). */
  protected final ChannelHandlerContext ctx() {
    return ctx;
  }

  /** The meter, or null. */
  protected final Meter meter() {
    return meter;
  }

  /**
   * Counts this channel's bytes with {@code meter} from now on, for a channel that had none (made
   * when it is first needed, so an idle channel holds none): the bytes collected this turn so far
   * count as held at once, so every byte it is told of as released was told of as held. On the
   * channel's loop.
   */
  public final void countWith(Meter meter) {
    if (this.meter != null) {
      throw new IllegalStateException("this channel's bytes are counted already");
    }
    this.meter = meter;
    if (pending != null && pending.isReadable()) {
      meter.held(pending.readableBytes());
    }
  }

  /**
   * Adds {@code bytes} to this turn's buffer; they go out at the end of the turn. {@code written}
   * (if not null) learns whether they went out, once the turn's buffer has been written.
   */
  public final void append(byte[] bytes, Consumer<Future<?>> written) {
    buffer(bytes.length).writeBytes(bytes);
    appended(bytes.length, written);
  }

  /**
   * This turn's buffer, to encode at least {@code minCapacity} more bytes into; follow with {@link
   * #appended}.
   */
  protected final ByteBuf buffer(int minCapacity) {
    if (pending == null) {
      pending = ctx.alloc().ioBuffer(Math.max(INITIAL_CAPACITY, minCapacity));
    }
    return pending;
  }

  /**
   * {@code bytes} were encoded into {@link #buffer}: counts them, keeps {@code written} (if not
   * null) for when they are written, and makes sure the turn ends with a write.
   */
  protected final void appended(int bytes, Consumer<Future<?>> written) {
    if (meter != null) {
      meter.held(bytes);
    }
    if (written != null) {
      pendingListeners.add(written);
    }
    if (pending != null && pending.readableBytes() >= WRITE_AT_BYTES && ctx.channel().isActive()) {
      writePending();
      ctx.flush();
    }
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(flushTask); // runs after the loop has handled this turn's I/O
    }
  }

  /**
   * A message was written through the pipeline instead of {@link #buffer} (e.g. through an encoder
   * that must see it); it is flushed at the end of the turn with the collected bytes.
   */
  protected final void wroteThroughPipeline() {
    throughPipeline = true;
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(flushTask);
    }
  }

  private void flushPending() {
    flushScheduled = false;
    boolean wrote = throughPipeline;
    throughPipeline = false;
    if (ctx.channel().isActive() && (pending != null || wrote)) {
      if (pending != null) {
        writePending();
      }
      ctx.flush();
    } else {
      release();
    }
  }

  private void writePending() {
    ByteBuf out = pending;
    pending = null;
    if (pendingListeners.isEmpty() && meter == null) {
      ctx.write(out, ctx.voidPromise());
      return;
    }
    List<Consumer<Future<?>>> listeners = List.copyOf(pendingListeners);
    pendingListeners.clear();
    int bytes = out.readableBytes();
    Meter counted = meter; // the one that was told of these bytes
    ctx.write(out)
        .addListener(
            done -> {
              if (counted != null) {
                counted.released(bytes); // written to the socket, or dropped with the channel
              }
              listeners.forEach(l -> l.accept(done));
            });
  }

  @Override
  public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (pending != null) {
      writePending();
    }
    ctx.write(msg, promise);
  }

  @Override
  public final void flush(ChannelHandlerContext ctx) {
    if (pending != null) {
      writePending();
    }
    ctx.flush();
  }

  @Override
  public final void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    release();
    super.close(ctx, promise);
  }

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) throws Exception {
    release();
    super.channelInactive(ctx);
  }

  @Override
  public final void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void release() {
    if (pending != null) {
      if (meter != null) {
        meter.released(pending.readableBytes());
      }
      pending.release();
      pending = null;
    }
    if (!pendingListeners.isEmpty()) {
      List<Consumer<Future<?>>> listeners = List.copyOf(pendingListeners);
      pendingListeners.clear();
      Future<?> failed = ctx.newFailedFuture(new ClosedChannelException());
      listeners.forEach(l -> l.accept(failed));
    }
  }
}
