package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.Future;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the data frames a channel sends during one event-loop turn in one buffer and writes it
 * once at the end of the turn: one allocation, one outbound-buffer entry and one iovec per turn
 * instead of per message, and no walk through the channel's handlers per message. This is what
 * makes a busy proxy's writes as cheap as a byte pump's.
 *
 * <p>It sits near the head of the pipeline, below the websocket encoder (and above TLS, so the
 * collected bytes are encrypted). Writers on the channel's loop call {@link #append}; anything
 * written through the pipeline (control frames, which the encoder turned into bytes, or a data
 * write that needs a promise) first pushes out what was collected, so bytes leave in the order they
 * were written. A flush through the pipeline does the same.
 */
final class OutboundFrames extends ChannelDuplexHandler {
  static final String NAME = "outbound-frames";

  /** The first buffer of a turn; it grows as needed. */
  private static final int INITIAL_CAPACITY = 2048;

  /**
   * Told how many bytes of data frames this channel holds: added when a frame is collected, gone
   * when the turn's buffer was written to the socket, failed or dropped. On the channel's loop.
   */
  interface Meter {
    void held(int bytes);

    void released(int bytes);
  }

  private final Meter meter;
  private ChannelHandlerContext ctx;
  private ByteBuf pending;

  /** Told when {@link #pending} has been written (or failed to be): per-write acks and counts. */
  private final List<Consumer<Future<?>>> pendingListeners = new ArrayList<>();

  private boolean flushScheduled;
  private final Runnable flushTask = this::flushPending;

  /**
   * Whether the connection negotiated an extension (permessage-deflate): then data frames must go
   * through its encoder (compression, RSV1) instead of being encoded here. Looked up at the first
   * append, which comes after the handshake; null until then.
   */
  private Boolean extended;

  /** Whether a frame went through the pipeline this turn (it needs the end-of-turn flush). */
  private boolean throughPipeline;

  /** A collector whose bytes nobody counts. */
  OutboundFrames() {
    this(null);
  }

  /**
   * @param meter told the bytes this channel holds, or null
   */
  OutboundFrames(Meter meter) {
    this.meter = meter;
  }

  /** The channel's collector, or null if it has none. */
  static OutboundFrames of(Channel channel) {
    return channel.pipeline().get(OutboundFrames.class);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Adds one whole data frame ({@link DataFrames}) to this turn's bytes; they go out at the end of
   * the turn. On the channel's event loop only.
   */
  void append(int opcode, byte[] payload, boolean masked) {
    append(opcode, payload, masked, null);
  }

  /**
   * As {@link #append(int, byte[], boolean)}; {@code written} (if not null) learns whether the
   * bytes went out, once the turn's buffer has been written.
   */
  void append(int opcode, byte[] payload, boolean masked, Consumer<Future<?>> written) {
    if (extended == null) {
      extended = ctx.pipeline().get(WebSocketExtensionEncoder.class) != null;
    }
    if (extended) {
      appendThroughExtension(opcode, payload, written);
      return;
    }
    if (pending == null) {
      pending =
          ctx.alloc().ioBuffer(Math.max(INITIAL_CAPACITY, payload.length + DataFrames.MAX_HEADER));
    }
    int before = pending.writerIndex();
    DataFrames.encodeInto(pending, opcode, payload, masked);
    if (meter != null) {
      meter.held(pending.writerIndex() - before);
    }
    if (written != null) {
      pendingListeners.add(written);
    }
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(flushTask); // runs after the loop has handled this turn's I/O
    }
  }

  /**
   * The path of a connection with an extension: the frame goes through the whole pipeline from its
   * tail, so the extension's encoder compresses it and the websocket encoder frames (and masks) it;
   * it then passes {@link #write}, behind the bytes collected before it. Flushed at the end of the
   * turn like the others, and told to the {@link Meter} (uncompressed) until written.
   */
  private void appendThroughExtension(int opcode, byte[] payload, Consumer<Future<?>> written) {
    ByteBuf content = Unpooled.wrappedBuffer(payload);
    WebSocketFrame frame =
        opcode == DataFrames.BINARY
            ? new BinaryWebSocketFrame(content)
            : new TextWebSocketFrame(content);
    if (written == null && meter == null) {
      ctx.channel().write(frame, ctx.channel().voidPromise());
    } else {
      // counted as its uncompressed size until written, like the frames collected here
      int bytes = payload.length;
      if (meter != null) {
        meter.held(bytes);
      }
      ctx.channel()
          .write(frame)
          .addListener(
              done -> {
                if (meter != null) {
                  meter.released(bytes);
                }
                if (written != null) {
                  written.accept(done);
                }
              });
    }
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
    ctx.write(out)
        .addListener(
            done -> {
              if (meter != null) {
                meter.released(bytes); // written to the socket, or dropped with the channel
              }
              listeners.forEach(l -> l.accept(done));
            });
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (pending != null) {
      writePending();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (pending != null) {
      writePending();
    }
    ctx.flush();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    release();
    super.close(ctx, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    release();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
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
