package io.quiver.connectors.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.quiver.spi.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every complete (aggregated) text or binary message of a client to the runtime, with meta
 * {@code {"binary": ...}}.
 */
final class InboundMessageHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(InboundMessageHandler.class);

  private final SourceContext context;
  private final boolean endOfMessage;

  InboundMessageHandler(SourceContext context, boolean bufferAcrossMessages) {
    this.context = context;
    this.endOfMessage = !bufferAcrossMessages;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    message(ctx, frame);
  }

  /** Hands one whole message to the runtime; also the consumer of {@link WholeMessageShortcut}. */
  void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    ClientConnection connection = ctx.channel().attr(ClientConnection.KEY).get();
    if (connection == null) {
      LOG.debug(
          "dropping a frame from {} that arrived outside an open stream",
          ctx.channel().remoteAddress());
      return;
    }
    if (!connection.taking()) {
      LOG.debug(
          "dropping a message from {}: the onramp is shutting down", ctx.channel().remoteAddress());
      return;
    }
    if (frame instanceof TextWebSocketFrame) {
      context.receive(
          connection.stream(), TextPayloads.of(ctx, frame), connection.meta(false), endOfMessage);
    } else if (frame instanceof BinaryWebSocketFrame) {
      context.receive(
          connection.stream(),
          ByteBufUtil.getBytes(frame.content()),
          connection.meta(true),
          endOfMessage);
    }
  }
}
