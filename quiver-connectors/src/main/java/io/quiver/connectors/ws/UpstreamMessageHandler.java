package io.quiver.connectors.ws;

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
final class UpstreamMessageHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
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

  /** One whole text or binary message; also the consumer of {@link WholeMessageShortcut}. */
  void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      session.onMessage(ctx.channel(), TextPayloads.of(ctx, frame), false);
    } else {
      session.onMessage(ctx.channel(), ByteBufUtil.getBytes(frame.content()), true);
    }
  }
}
