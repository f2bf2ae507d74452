package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import java.util.Map;

/**
 * A shortcut for the common websocket message: one whole text or binary frame (FIN set, no
 * extension bits, masked as the side expects, within the size limit, not inside a fragmented
 * message). Placed right before Netty's frame decoder once the handshake is done, it reads such a
 * frame from the socket's bytes itself and hands its payload, unmasked straight into the one array
 * the codec will own ({@link FramePayloads}), to the handler that consumes messages: no pooled
 * payload buffer, frame object or second copy per message, and none of the handlers that would only
 * pass it on (protocol handler, keepalive, aggregator, stream handler).
 *
 * <p>Everything else goes to Netty's decoder as bytes, a frame at a time, and takes the normal path
 * unchanged: control frames (ping, pong), fragments and whatever follows a fragment start until its
 * final continuation. After anything Netty's decoder must judge (a close frame, reserved bits, a
 * frame over the limit, wrong masking, an unknown opcode) every later byte goes to it as well, so
 * its errors and the close handshake behave exactly as without the shortcut. Frames are taken one
 * at a time on the channel's loop, so the two paths cannot reorder messages.
 *
 * <p>It is also where a paused client stops: bytes read after {@link ReadGate} paused the channel
 * wait here, undecoded, until it resumes (a paused channel reads no more bytes, but one read can
 * hold hundreds of small frames).
 */
final class WholeMessageShortcut extends ChannelInboundHandlerAdapter {
  static final String NAME = "whole-messages";

  /** Consumes a whole message; {@code ctx} is the consuming handler's own context. */
  interface Consumer {
    /**
     * @param payload the message's bytes, unmasked; the consumer owns the array
     * @param binary whether it came as a binary frame (else text, not yet checked to be UTF-8)
     */
    void message(ChannelHandlerContext ctx, byte[] payload, boolean binary);
  }

  /**
   * Takes a whole message straight from the read bytes, without an array of its own (a fused
   * pass-through), or declines it, which hands it to the {@link Consumer} as usual.
   */
  interface FrameTaker {
    /**
     * @param in the read bytes: the frame starts at the reader index and is all there
     * @return true when taken: then the taker moved the reader index past the frame; false leaves
     *     {@code in} as it was
     */
    boolean take(ChannelHandlerContext ctx, ByteBuf in, FrameHeader header);
  }

  private final Consumer consumer;
  private final FrameTaker taker;
  private final ChannelHandlerContext consumerContext;
  private final boolean expectMasked;
  private final long maxPayload;

  /** The header of the frame at {@link #held}'s reader index (reused: nothing per frame). */
  private final FrameHeader header = new FrameHeader();

  /** The bytes not handled yet: a frame still incomplete, or all of them while paused. */
  private ByteBuf held;

  /** Bytes of the frame being handed to Netty's decoder that are still to come. */
  private long forwarding;

  /** Whether every byte now goes to Netty's decoder (after a frame only it may judge). */
  private boolean bypass;

  private boolean insideFragmentedMessage;
  private ChannelHandlerContext ownContext;
  private boolean paused;
  private boolean draining;

  /** Whether bytes went on to Netty's decoder since the last read completed. */
  private boolean passedOn;

  private WholeMessageShortcut(
      Consumer consumer,
      ChannelHandlerContext consumerContext,
      boolean expectMasked,
      long maxPayload) {
    this.consumer = consumer;
    this.taker = consumerContext.handler() instanceof FrameTaker t ? t : null;
    this.consumerContext = consumerContext;
    this.expectMasked = expectMasked;
    this.maxPayload = maxPayload;
  }

  /**
   * Puts the shortcut before the pipeline's websocket frame decoder, feeding {@code consumer} with
   * the context of {@code consumerHandler} (first offering each message to {@code consumerHandler}
   * itself when it is a {@link FrameTaker}). Does nothing if there is no decoder (yet) or no such
   * handler. Call it when the handshake completes, before the decoder has seen a frame's byte.
   *
   * @param expectMasked whether the peer's frames are masked (a client's are, a server's are not)
   * @param maxPayload the decoder's limit: a larger frame goes to the decoder, which refuses it
   */
  static void install(
      ChannelPipeline pipeline,
      ChannelHandler consumerHandler,
      Consumer consumer,
      boolean expectMasked,
      long maxPayload) {
    ChannelHandlerContext consumerContext = pipeline.context(consumerHandler);
    if (consumerContext == null || pipeline.get(NAME) != null) {
      return;
    }
    for (Map.Entry<String, ChannelHandler> entry : pipeline) {
      if (entry.getValue() instanceof WebSocketFrameDecoder) {
        WholeMessageShortcut shortcut =
            new WholeMessageShortcut(consumer, consumerContext, expectMasked, maxPayload);
        shortcut.paused = !pipeline.channel().config().isAutoRead(); // paused before it was here
        pipeline.addBefore(entry.getKey(), NAME, shortcut);
        return;
      }
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ownContext = ctx;
  }

  /** Bytes read from now on wait until {@link #resume}. On the channel's loop. */
  void pause() {
    paused = true;
  }

  /** Handles the bytes that waited, in order, until they are done or the channel pauses again. */
  void resume() {
    paused = false;
    if (draining || ownContext == null) {
      return; // the drain below is already running further up the stack
    }
    draining = true;
    try {
      handleHeld(ownContext);
    } finally {
      draining = false;
    }
    if (passedOn) {
      passedOn = false;
      ownContext.fireChannelReadComplete();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    held =
        held == null
            ? bytes
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), held, bytes);
    if (!draining) {
      draining = true;
      try {
        handleHeld(ctx);
      } finally {
        draining = false;
      }
    }
  }

  /** Handles whole frames from {@link #held} until it is empty or incomplete, or reads pause. */
  private void handleHeld(ChannelHandlerContext ctx) {
    while (held != null && held.isReadable() && !paused) {
      if (bypass) {
        forward(ctx, held.readableBytes());
      } else if (forwarding > 0) {
        int part = (int) Math.min(forwarding, held.readableBytes());
        forwarding -= part;
        forward(ctx, part);
      } else if (!nextFrame(ctx)) {
        break; // incomplete: wait for more bytes
      }
    }
    if (held != null) {
      if (!held.isReadable()) {
        held.release();
        held = null;
      } else if (held.refCnt() == 1) { // no slice passed on to Netty's decoder still shares it
        // what is left (an incomplete frame) moves to the front once the bytes handled before it
        // take up half of the buffer, as Netty's decoders do: else the next read's bytes are
        // appended behind everything ever handled, and a stream whose reads never end on a frame
        // boundary (large frames under load) grows this buffer, and the copying, without end
        held.discardSomeReadBytes();
      }
    }
  }

  /**
   * Looks at the frame starting at {@link #held}'s reader index: takes it if it is a whole message,
   * or decides how its bytes go to Netty's decoder. False when more bytes are needed first.
   */
  private boolean nextFrame(ChannelHandlerContext ctx) {
    if (!header.read(held)) {
      return false;
    }
    boolean data = header.opcode() == FrameHeader.TEXT || header.opcode() == FrameHeader.BINARY;
    boolean limits =
        header.masked() == expectMasked
            && header.minimalLength()
            && header.payloadLength() <= maxPayload;
    if (data && header.fin() && header.rsv() == 0 && limits && !insideFragmentedMessage) {
      if (held.readableBytes() < header.length() + header.payloadLength()) {
        return false;
      }
      take();
      return true;
    }
    boolean fragment =
        data && !header.fin() && !insideFragmentedMessage
            || header.opcode() == FrameHeader.CONTINUATION && insideFragmentedMessage;
    boolean ping =
        (header.opcode() == FrameHeader.PING || header.opcode() == FrameHeader.PONG)
            && header.fin()
            && header.payloadLength() <= 125;
    if (header.rsv() != 0 || !limits || !(fragment || ping)) {
      bypass = true; // a close frame, or one that Netty's decoder may refuse: it has the rules
      return true;
    }
    if (fragment) {
      insideFragmentedMessage = !header.fin();
    }
    forwarding = header.length() + header.payloadLength();
    return true;
  }

  private void take() {
    if (taker != null) {
      try {
        if (taker.take(consumerContext, held, header)) {
          return;
        }
      } catch (Throwable e) {
        consumerContext.fireExceptionCaught(e);
        return;
      }
    }
    byte[] payload = FramePayloads.read(held, header);
    boolean binary = header.opcode() == FrameHeader.BINARY;
    try {
      consumer.message(consumerContext, payload, binary);
    } catch (Throwable e) {
      // raised where the consumer sits, as on the normal path (not through the protocol handler,
      // which would close the channel before a close frame is flushed)
      consumerContext.fireExceptionCaught(e);
    }
  }

  private void forward(ChannelHandlerContext ctx, int bytes) {
    passedOn = true;
    ctx.fireChannelRead(held.readRetainedSlice(bytes));
  }

  /**
   * Tells Netty's decoder (and the handlers after it) that a read completed only if it saw bytes of
   * it: for a read of whole messages, all taken here, there is nothing for them to finish.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (passedOn || bypass) {
      passedOn = false;
      ctx.fireChannelReadComplete();
    } else if (held != null && !paused && !ctx.channel().config().isAutoRead()) {
      ctx.read(); // an incomplete frame waits and nothing else asks for more, as a decoder does
    }
  }

  /** The capacity of the buffer holding bytes not handled yet (0 when none): for tests. */
  int heldCapacity() {
    return held == null ? 0 : held.capacity();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseHeld();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseHeld(); // the client is gone: nobody could get the replies
    ctx.fireChannelInactive();
  }

  private void releaseHeld() {
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
