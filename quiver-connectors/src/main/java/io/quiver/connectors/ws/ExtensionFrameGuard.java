package io.quiver.connectors.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.ReferenceCountUtil;
import java.util.zip.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards a connection that may use permessage-deflate, right after where Netty puts the inflater
 * (so it sees messages as they were before compression), on the path of frames the {@link
 * WholeMessageShortcut} does not take:
 *
 * <ul>
 *   <li>a message that inflates to more than max_message_size is refused with close code 1009 as
 *       soon as that is known: the inflater stops at max_message_size bytes per frame (Netty's
 *       maxAllocation), and the sizes of a fragmented message's inflated frames are added up here,
 *       so a small compressed frame never becomes a large buffer (a decompression bomb);
 *   <li>data that does not inflate closes the connection with 1007 (invalid payload);
 *   <li>a reserved bit still set once extensions are done (RSV1 on a connection that did not
 *       negotiate compression, RSV2, RSV3) closes it with 1002, as the frame decoder does when no
 *       extension is allowed.
 * </ul>
 */
final class ExtensionFrameGuard extends ChannelInboundHandlerAdapter {
  static final String NAME = "extension-guard";
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionFrameGuard.class);

  private final int maxMessageSize;
  private final String role;
  private final WsMetrics metrics;
  private long messageBytes;
  private boolean closing;

  ExtensionFrameGuard(int maxMessageSize, String role, WsMetrics metrics) {
    this.maxMessageSize = maxMessageSize;
    this.role = role;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof WebSocketFrame frame)) {
      if (msg instanceof FullHttpResponse response
          && response.status().code() == 101
          && ctx.pipeline().get(WebSocketExtensionEncoder.class) != null) {
        metrics.compressedConnection(); // offramp: the extension handler accepted the upstream's
        // answer
      }
      super.channelRead(ctx, msg);
      return;
    }
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (frame.rsv() != 0) {
      ReferenceCountUtil.release(msg);
      fail(
          ctx,
          WebSocketCloseStatus.PROTOCOL_ERROR,
          "reserved bits set (RSV " + frame.rsv() + ") that no extension negotiated");
      return;
    }
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      messageBytes = 0; // a new message
    }
    if (frame instanceof TextWebSocketFrame
        || frame instanceof BinaryWebSocketFrame
        || frame instanceof ContinuationWebSocketFrame) {
      messageBytes += frame.content().readableBytes();
      if (messageBytes > maxMessageSize) {
        ReferenceCountUtil.release(msg);
        tooBig(ctx);
        return;
      }
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (cause instanceof DecompressionException) {
      if (cause.getCause() instanceof DataFormatException) {
        fail(
            ctx,
            WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
            "compressed data that does not inflate");
      } else {
        tooBig(ctx); // the inflater reached max_message_size
      }
      return;
    }
    super.exceptionCaught(ctx, cause);
  }

  private void tooBig(ChannelHandlerContext ctx) {
    if (closing) {
      return;
    }
    LOG.warn(
        "{} {} sent a compressed websocket message that inflates to more than max_message_size ({} bytes);"
            + " closing the connection with code 1009",
        role,
        ctx.channel().remoteAddress(),
        maxMessageSize);
    close(
        ctx,
        WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
        "message larger than " + maxMessageSize + " bytes");
  }

  private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String what) {
    if (closing) {
      return;
    }
    LOG.debug(
        "{} {} broke the websocket protocol ({}); closing with {}",
        role,
        ctx.channel().remoteAddress(),
        what,
        status.code());
    close(ctx, status.code(), what);
  }

  private void close(ChannelHandlerContext ctx, int code, String reason) {
    closing = true;
    metrics.closeCode(code);
    if (ctx.channel().isActive()) {
      ctx.channel()
          .writeAndFlush(new CloseWebSocketFrame(code, reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
