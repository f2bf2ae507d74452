package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Passes every complete upstream message to the session, and a close frame's status code before
 * answering it (echoing a valid code; an invalid close frame is a protocol violation) and closing.
 */
final class UpstreamMessageHandler extends SimpleChannelInboundHandler<WebSocketFrame>
    implements WholeMessageShortcut.Consumer, WholeMessageShortcut.FrameTaker {
  private final UpstreamSession session;

  UpstreamMessageHandler(UpstreamSession session) {
    this.session = session;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    switch (frame) {
      case TextWebSocketFrame text -> message(ctx, text);
      case BinaryWebSocketFrame binary -> message(ctx, binary);
      case CloseWebSocketFrame close -> {
        CorruptedWebSocketFrameException violation = CloseFrames.violation(close);
        if (violation != null) {
          throw violation; // answered with 1002 or 1007 by UpstreamLifecycleHandler
        }
        session.connection().onCloseFrame(ctx.channel(), close.statusCode());
        // the answer echoes the code (RFC 6455 §5.5.1); passing the protocol handler, it is the
        // connection's only close frame
        ctx.writeAndFlush(CloseFrames.answer(close)).addListener(ChannelFutureListener.CLOSE);
      }
      default -> {}
    }
  }

  /** One whole text or binary message from the aggregator. */
  void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    message(ctx, ByteBufUtil.getBytes(frame.content()), !(frame instanceof TextWebSocketFrame));
  }

  /** A whole reply frame straight to the client of a fused pass-through, when it answers one. */
  @Override
  public boolean take(ChannelHandlerContext ctx, ByteBuf in, FrameHeader header) {
    return session.replyFused(ctx.channel(), in, header);
  }

  /**
   * One whole message, the array and all; also the consumer of {@link WholeMessageShortcut}. Text
   * is checked to be UTF-8 first.
   */
  @Override
  public void message(ChannelHandlerContext ctx, byte[] payload, boolean binary) {
    session.onMessage(ctx.channel(), binary ? payload : TextPayloads.checked(ctx, payload), binary);
  }
}
