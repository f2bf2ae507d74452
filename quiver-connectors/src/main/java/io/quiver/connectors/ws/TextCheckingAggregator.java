package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.quiver.value.Utf8;
import java.util.Arrays;

/**
 * Netty's aggregator of fragmented messages (up to {@code max_message_size}), which first checks
 * the UTF-8 of a fragmented text message fragment by fragment, so a connection sending invalid text
 * fails at the fragment that breaks it (RFC 6455 §8.1: "fail fast"), not only when (if ever) the
 * message's last fragment arrives. A code point may be split across fragments: the bytes of an
 * unfinished sequence are carried to the next fragment, and the last fragment must not end inside
 * one. A violation goes down the pipeline as the 1007 exception {@link TextPayloads} raises; whole
 * (unfragmented) text messages are checked there. One handler for both, not two: every connection
 * keeps its handlers for its whole life (see docs/benchmarks/wsmem-s8.md).
 */
final class TextCheckingAggregator extends WebSocketFrameAggregator {
  private static final byte[] NONE = new byte[0];

  private boolean insideText;

  /** The first bytes of a code point that the previous fragment ended inside (at most 3). */
  private byte[] carry = NONE;

  TextCheckingAggregator(int maxMessageSize) {
    super(maxMessageSize);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof TextWebSocketFrame text && !text.isFinalFragment()) {
      insideText = true;
      carry = NONE;
      check(msg, text.content(), false);
    } else if (msg instanceof ContinuationWebSocketFrame continuation && insideText) {
      boolean last = continuation.isFinalFragment();
      check(msg, continuation.content(), last);
      if (last) {
        insideText = false;
      }
    }
    super.channelRead(ctx, msg);
  }

  private void check(Object msg, ByteBuf content, boolean last) {
    byte[] fragment = ByteBufUtil.getBytes(content);
    byte[] bytes = carry.length == 0 ? fragment : concat(carry, fragment);
    Utf8.Error error = Utf8.findError(bytes, 0, bytes.length);
    if (error == null) {
      carry = NONE;
      return;
    }
    // an error of length 0 is a sequence the bytes end inside: valid if the next fragment finishes
    // it
    if (error.errorLength() == 0 && !last) {
      carry = Arrays.copyOfRange(bytes, error.validUpTo(), bytes.length);
      return;
    }
    insideText = false;
    carry = NONE;
    ReferenceCountUtil.release(msg);
    throw new CorruptedWebSocketFrameException(
        WebSocketCloseStatus.INVALID_PAYLOAD_DATA, TextPayloads.NOT_UTF8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
