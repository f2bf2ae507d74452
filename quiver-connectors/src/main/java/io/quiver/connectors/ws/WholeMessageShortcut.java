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
import java.util.Map;

/**
 * A shortcut for the common websocket message: one whole text or binary frame (FIN set, no
 * extension bits, not inside a fragmented message). Placed right after Netty's frame decoder once
 * the handshake is done, it hands such a frame straight to the handler that consumes messages,
 * skipping the handlers that would only pass it on (protocol handler, keepalive, aggregator,
 * stream handler): per message that saves several pipeline hops, codec output lists and
 * retain/release pairs.
 *
 * <p>Everything else takes the normal path unchanged: control frames (ping, pong, close),
 * fragments and whatever follows a fragment start until its final continuation, so the aggregator,
 * the size limits and the close handshake behave as before. Frames are handled one at a time on
 * the channel's loop, so the two paths cannot reorder messages.
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

  private WholeMessageShortcut(Consumer consumer, ChannelHandlerContext consumerContext) {
    this.consumer = consumer;
    this.consumerContext = consumerContext;
  }

  /**
   * Puts the shortcut after the pipeline's websocket frame decoder, feeding {@code consumer} with the
   * context of {@code consumerHandler}. Does nothing if there is no decoder (yet) or no such handler.
   */
  static void install(ChannelPipeline pipeline, ChannelHandler consumerHandler, Consumer consumer) {
    ChannelHandlerContext consumerContext = pipeline.context(consumerHandler);
    if (consumerContext == null || pipeline.get(NAME) != null) {
      return;
    }
    for (Map.Entry<String, ChannelHandler> entry : pipeline) {
      if (entry.getValue() instanceof WebSocketFrameDecoder) {
        pipeline.addAfter(entry.getKey(), NAME, new WholeMessageShortcut(consumer, consumerContext));
        return;
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      WebSocketFrame frame = (WebSocketFrame) msg;
      if (!insideFragmentedMessage && frame.isFinalFragment() && frame.rsv() == 0) {
        try {
          consumer.message(consumerContext, frame);
        } catch (RuntimeException e) {
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
    } else if (msg instanceof ContinuationWebSocketFrame continuation && continuation.isFinalFragment()) {
      insideFragmentedMessage = false;
    }
    ctx.fireChannelRead(msg);
  }
}
