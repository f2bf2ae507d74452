package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a received close frame that RFC 6455 does not allow ({@link CloseFrames#violation}),
 * before the onramp's websocket protocol handler would echo it: the violation goes down the
 * pipeline as an exception, and {@link ConnectionErrorHandler} answers it with 1002 or 1007.
 * Everything else passes unchanged.
 */
final class CloseFrameCheck extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof CloseWebSocketFrame close) {
      CorruptedWebSocketFrameException violation = CloseFrames.violation(close);
      if (violation != null) {
        ReferenceCountUtil.release(msg);
        throw violation;
      }
    }
    super.channelRead(ctx, msg);
  }
}
