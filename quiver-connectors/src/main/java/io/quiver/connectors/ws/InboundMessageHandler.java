package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.quiver.spi.SourceContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every complete (aggregated) text or binary message of a client to the runtime, with meta
 * {@code {"binary": ...}}.
 */
@ChannelHandler.Sharable
final class InboundMessageHandler extends SimpleChannelInboundHandler<WebSocketFrame>
    implements WholeMessageShortcut.Consumer, WholeMessageShortcut.FrameTaker {
  private static final Logger LOG = LoggerFactory.getLogger(InboundMessageHandler.class);

  private final SourceContext context;
  private final boolean endOfMessage;

  /** The onramp's fused pass-through, or null (read per message: a binding change swaps it). */
  private final Supplier<FusedForwarder> fused;

  InboundMessageHandler(SourceContext context, boolean bufferAcrossMessages) {
    this(context, bufferAcrossMessages, () -> null);
  }

  InboundMessageHandler(
      SourceContext context, boolean bufferAcrossMessages, Supplier<FusedForwarder> fused) {
    this.context = context;
    this.endOfMessage = !bufferAcrossMessages;
    this.fused = fused;
  }

  /** A whole frame straight from the read bytes, when the onramp's pass-through is fused. */
  @Override
  public boolean take(ChannelHandlerContext ctx, ByteBuf in, FrameHeader header) {
    FusedForwarder forwarder = fused.get();
    if (forwarder == null || !endOfMessage) {
      return false;
    }
    ClientConnection connection = ctx.channel().attr(ClientConnection.KEY).get();
    return connection != null
        && connection.taking()
        && forwarder.forward(ctx, connection, in, header);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    message(ctx, frame);
  }

  /** Hands one whole message (from the aggregator) to the runtime. */
  void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      message(ctx, ByteBufUtil.getBytes(frame.content()), false);
    } else if (frame instanceof BinaryWebSocketFrame) {
      message(ctx, ByteBufUtil.getBytes(frame.content()), true);
    }
  }

  /**
   * Hands one whole message to the runtime, the array and all; also the consumer of {@link
   * WholeMessageShortcut}. Text is checked to be UTF-8 first.
   */
  @Override
  public void message(ChannelHandlerContext ctx, byte[] payload, boolean binary) {
    // one handler serves every client of the onramp (it is shared): the connection is the channel's
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
    if (binary) {
      context.receive(connection.stream(), payload, connection.meta(true), endOfMessage);
    } else { // checked here: the codec need not scan the bytes again
      byte[] text = TextPayloads.checked(ctx, payload);
      context.receiveUtf8(connection.stream(), text, connection.meta(false), endOfMessage);
    }
  }
}
