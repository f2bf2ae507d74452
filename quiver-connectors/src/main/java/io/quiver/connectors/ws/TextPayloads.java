package io.quiver.connectors.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.quiver.value.Utf8;

/**
 * The bytes of a complete (aggregated) text message, checked to be UTF-8 as RFC 6455 demands.
 *
 * <p>Replaces Netty's per-byte frame validator (switched off in both channel initializers): the
 * message is copied to a heap array anyway, and {@link Utf8} skips ASCII eight bytes at a time. A
 * violation ends the connection as Netty's validator does: close frame 1007 "bytes are not UTF-8",
 * then a {@link CorruptedWebSocketFrameException} for the pipeline's error handler.
 */
final class TextPayloads {
  static final String NOT_UTF8 = "bytes are not UTF-8";

  private TextPayloads() {}

  /** The message's bytes; throws (after closing with 1007) when they are not UTF-8. */
  static byte[] of(ChannelHandlerContext ctx, WebSocketFrame text) {
    return checked(ctx, ByteBufUtil.getBytes(text.content()));
  }

  /** {@code data}, a whole text message; throws (after closing with 1007) when it is not UTF-8. */
  static byte[] checked(ChannelHandlerContext ctx, byte[] data) {
    if (!Utf8.isValid(data)) {
      refuse(ctx);
    }
    return data;
  }

  /** Closes with 1007 and throws: a text message was not UTF-8. */
  static void refuse(ChannelHandlerContext ctx) {
    CorruptedWebSocketFrameException violation =
        new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, NOT_UTF8);
    if (ctx.channel().isOpen()) {
      ctx.writeAndFlush(
              new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), NOT_UTF8))
          .addListener(ChannelFutureListener.CLOSE);
    }
    throw violation;
  }
}
