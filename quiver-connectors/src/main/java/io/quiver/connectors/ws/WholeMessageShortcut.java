package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * A shortcut for the common websocket message: one whole text or binary frame (FIN set, no
 * extension bits, not inside a fragmented message). Placed right after Netty's frame decoder once
 * the handshake is done, it hands such a frame straight to the handler that consumes messages,
 * skipping the handlers that would only pass it on (protocol handler, keepalive, aggregator, stream
 * handler): per message that saves several pipeline hops, codec output lists and retain/release
 * pairs.
 *
 * <p>It is also where a paused client stops: frames decoded after {@link ReadGate} paused the
 * channel wait here until it resumes (a paused channel reads no more bytes, but one read can hold
 * hundreds of small frames).
 *
 * <p>Everything else takes the normal path unchanged: control frames (ping, pong, close), fragments
 * and whatever follows a fragment start until its final continuation, so the aggregator, the size
 * limits and the close handshake behave as before. Frames are handled one at a time on the
 * channel's loop, so the two paths cannot reorder messages.
 */
final class WholeMessageShortcut extends ChannelInboundHandlerAdapter {
  static final String NAME = "whole-messages";

  /** Consumes a whole message; {@code ctx} is the consuming handler's own context. */
  interface Consumer {
    void message(ChannelHandlerContext ctx, WebSocketFrame frame);
  }

  private final Consumer consumer;
  private final ChannelHandlerContext consumerContext;
  private boolean insideFragmentedMessage;

  /**
   * Frames decoded while the channel is paused ({@link ReadGate}): a paused channel reads no more
   * bytes, but the frames already read in the same buffer would still arrive. They wait here, in
   * order, until the channel resumes.
   */
  private final ArrayDeque<Object> heldFrames = new ArrayDeque<>();

  private ChannelHandlerContext ownContext;
  private boolean paused;
  private boolean draining;

  /** Whether a frame went on down the pipeline since the last read completed. */
  private boolean passedOn;

  private WholeMessageShortcut(Consumer consumer, ChannelHandlerContext consumerContext) {
    this.consumer = consumer;
    this.consumerContext = consumerContext;
  }

  /**
   * Puts the shortcut after the pipeline's websocket frame decoder, feeding {@code consumer} with
   * the context of {@code consumerHandler}. Does nothing if there is no decoder (yet) or no such
   * handler.
   */
  static void install(ChannelPipeline pipeline, ChannelHandler consumerHandler, Consumer consumer) {
    ChannelHandlerContext consumerContext = pipeline.context(consumerHandler);
    if (consumerContext == null || pipeline.get(NAME) != null) {
      return;
    }
    for (Map.Entry<String, ChannelHandler> entry : pipeline) {
      if (entry.getValue() instanceof WebSocketFrameDecoder) {
        WholeMessageShortcut shortcut = new WholeMessageShortcut(consumer, consumerContext);
        shortcut.paused = !pipeline.channel().config().isAutoRead(); // paused before it was here
        pipeline.addAfter(entry.getKey(), NAME, shortcut);
        return;
      }
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ownContext = ctx;
  }

  /** Frames decoded from now on wait until {@link #resume}. On the channel's loop. */
  void pause() {
    paused = true;
  }

  /** Hands on the frames that waited, in order, until they are done or the channel pauses again. */
  void resume() {
    paused = false;
    if (draining) {
      return; // the drain below is already running further up the stack
    }
    draining = true;
    try {
      Object msg;
      while (!paused && (msg = heldFrames.poll()) != null) {
        dispatch(ownContext, msg);
      }
    } finally {
      draining = false;
    }
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
    Object msg;
    while ((msg = heldFrames.poll()) != null) {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (paused || !heldFrames.isEmpty()) {
      heldFrames.add(msg);
      return;
    }
    dispatch(ctx, msg);
  }

  private void dispatch(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      WebSocketFrame frame = (WebSocketFrame) msg;
      if (!insideFragmentedMessage && frame.isFinalFragment() && frame.rsv() == 0) {
        try {
          consumer.message(consumerContext, frame);
        } catch (Throwable e) {
          // raised where the consumer sits, as on the normal path (not through the protocol
          // handler, which would close the channel before a close frame is flushed)
          consumerContext.fireExceptionCaught(e);
        } finally {
          frame.release();
        }
        return;
      }
      if (!frame.isFinalFragment()) {
        insideFragmentedMessage = true;
      }
    } else if (msg instanceof ContinuationWebSocketFrame continuation
        && continuation.isFinalFragment()) {
      insideFragmentedMessage = false;
    }
    passedOn = true;
    ctx.fireChannelRead(msg);
  }

  /**
   * Tells the handlers further down that a read completed only if they saw something of it (or a
   * fragmented message is open): for a read of whole messages, all taken here, there is nothing for
   * them to finish, and the event would walk the whole pipeline per read for nothing.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (passedOn || insideFragmentedMessage || !heldFrames.isEmpty()) {
      passedOn = false;
      ctx.fireChannelReadComplete();
    }
  }
}
