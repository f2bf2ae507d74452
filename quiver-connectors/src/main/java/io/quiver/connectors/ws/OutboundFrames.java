package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.TurnBatchedWriter;
import java.util.function.Consumer;

/**
 * The websocket form of the {@link TurnBatchedWriter}: the data frames a channel sends during one
 * event-loop turn are encoded ({@link DataFrames}) into the turn's one buffer and written once at
 * the end of the turn.
 *
 * <p>It sits below the websocket encoder, so control frames (which the encoder turned into bytes)
 * and data writes that need a promise pass it in order behind the collected frames. A connection
 * that negotiated an extension (permessage-deflate) sends its data frames through the pipeline
 * instead, so the extension's encoder sees them.
 */
final class OutboundFrames extends TurnBatchedWriter {
  static final String NAME = "outbound-frames";

  /**
   * Whether the connection negotiated an extension (permessage-deflate): then data frames must go
   * through its encoder (compression, RSV1) instead of being encoded here. Looked up at the first
   * append, which comes after the handshake; null until then.
   */
  private Boolean extended;

  /** A collector whose bytes nobody counts. */
  OutboundFrames() {
    this(null);
  }

  /**
   * @param meter told the bytes of data frames this channel holds, or null
   */
  OutboundFrames(Meter meter) {
    super(meter);
  }

  /** The channel's collector, or null if it has none. */
  static OutboundFrames of(Channel channel) {
    return channel.pipeline().get(OutboundFrames.class);
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
      extended = ctx().pipeline().get(WebSocketExtensionEncoder.class) != null;
    }
    if (extended) {
      appendThroughExtension(opcode, payload, written);
      return;
    }
    ByteBuf pending = buffer(payload.length + DataFrames.MAX_HEADER);
    int before = pending.writerIndex();
    DataFrames.encodeInto(pending, opcode, payload, masked);
    appended(pending.writerIndex() - before, written);
  }

  /**
   * Adds one whole data frame of the first {@code length} bytes of {@code payload} (a reused array
   * of a fused pass-through), copied now. On the channel's event loop only.
   */
  void append(int opcode, byte[] payload, int length, boolean masked) {
    if (extended == null) {
      extended = ctx().pipeline().get(WebSocketExtensionEncoder.class) != null;
    }
    if (extended) {
      appendThroughExtension(opcode, java.util.Arrays.copyOf(payload, length), null);
      return;
    }
    ByteBuf pending = buffer(length + DataFrames.MAX_HEADER);
    int before = pending.writerIndex();
    DataFrames.encodeInto(pending, opcode, payload, length, masked);
    appended(pending.writerIndex() - before, null);
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
    Meter meter = meter();
    Channel channel = ctx().channel();
    if (written == null && meter == null) {
      channel.write(frame, channel.voidPromise());
    } else {
      // counted as its uncompressed size until written, like the frames collected here
      int bytes = payload.length;
      if (meter != null) {
        meter.held(bytes);
      }
      channel
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
    wroteThroughPipeline();
  }
}
