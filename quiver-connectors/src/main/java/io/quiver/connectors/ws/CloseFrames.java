package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quiver.value.Utf8;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455's rules for close frames, the same on both sides: which received close frames are valid
 * (§5.5.1, §7.4), how a valid one is answered (§5.5.1: with a close frame echoing its code), and
 * how a connection ends after a protocol violation (one close frame with the violation's code).
 *
 * <p>Netty's frame decoder accepts some codes RFC 6455 does not allow (5000 and above, read as a
 * signed short) and does not notice a reason cut inside a UTF-8 sequence; {@link #violation} covers
 * both.
 */
final class CloseFrames {
  /** The longest close reason that fits a control frame (125 bytes less the 2-byte code). */
  private static final int MAX_REASON_BYTES = 123;

  private CloseFrames() {}

  /**
   * Whether a peer may send {@code code} (RFC 6455 §7.4.1 and the IANA registry): 1000-1003,
   * 1007-1014 and 3000-4999. 1004 is reserved, 1005 and 1006 must never be sent, 1015 is TLS's,
   * 1016-2999 are unassigned and 5000 and above do not exist.
   */
  static boolean isValidCode(int code) {
    return code >= 1000 && code <= 1003
        || code >= 1007 && code <= 1014
        || code >= 3000 && code <= 4999;
  }

  /**
   * What is wrong with a received close frame (close code 1002 or 1007), or null if it is valid.
   */
  static CorruptedWebSocketFrameException violation(CloseWebSocketFrame frame) {
    ByteBuf body = frame.content();
    int length = body.readableBytes();
    if (length == 0) {
      return null;
    }
    if (length == 1) {
      return new CorruptedWebSocketFrameException(
          WebSocketCloseStatus.PROTOCOL_ERROR, "close frame with a 1-byte body");
    }
    int code = body.getUnsignedShort(body.readerIndex());
    if (!isValidCode(code)) {
      return new CorruptedWebSocketFrameException(
          WebSocketCloseStatus.PROTOCOL_ERROR, "invalid close code " + code);
    }
    if (length > 2
        && !Utf8.isValid(ByteBufUtil.getBytes(body, body.readerIndex() + 2, length - 2))) {
      return new CorruptedWebSocketFrameException(
          WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "close reason is not UTF-8");
    }
    return null;
  }

  /**
   * The answer to a valid received close frame: its code without a reason, or an empty close frame.
   */
  static CloseWebSocketFrame answer(CloseWebSocketFrame received) {
    if (received.content().readableBytes() < 2) {
      return new CloseWebSocketFrame(true, 0, io.netty.buffer.Unpooled.EMPTY_BUFFER);
    }
    return new CloseWebSocketFrame(received.statusCode(), null);
  }

  /**
   * Ends a connection after a protocol violation: a close frame with the violation's code and text,
   * written from {@code ctx} (so it passes the websocket protocol handler, which then sends no
   * other close frame), then closes the channel.
   */
  static void endAfterViolation(
      ChannelHandlerContext ctx, WebSocketCloseStatus status, String text) {
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason(text)))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** {@code text} cut to what fits in a close frame, at a character boundary. */
  static String reason(String text) {
    if (text == null) {
      return null;
    }
    String reason = text;
    while (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      reason = reason.substring(0, reason.length() - 1);
    }
    return reason;
  }
}
