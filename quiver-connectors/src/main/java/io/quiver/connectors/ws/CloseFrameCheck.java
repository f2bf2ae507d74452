package io.quiver.connectors.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;

/**
 * The onramp's close frames by RFC 6455, in both directions. Sits right before the websocket
 * protocol handler, so it sees every close frame written on the connection (by the protocol
 * handler's echo, {@link Closer}, {@link ConnectionErrorHandler}) and every close frame received
 * before the protocol handler would echo it.
 *
 * <ul>
 *   <li>A received close frame that RFC 6455 does not allow ({@link CloseFrames#violation}) goes
 *       down the pipeline as an exception, which {@link ConnectionErrorHandler} answers with 1002
 *       or 1007.
 *   <li>Only the first close frame written leaves (§5.5.1: an endpoint sends one). A later one,
 *       such as the protocol handler's echo of the client's answer to our own close frame, is
 *       dropped and its promise succeeds, so whoever waits on it to close the channel still does.
 *   <li>A valid close frame from a client that closes first is counted by its code ({@link
 *       WsMetrics}; 1005 when it carries none). Closes we start are counted where they are sent
 *       ({@link Closer}, {@link ConnectionErrorHandler}), so the client's answer is not counted.
 * </ul>
 */
final class CloseFrameCheck extends ChannelDuplexHandler {
  /** RFC 6455 §7.1.5: the code that stands for a close frame without one. */
  static final int NO_STATUS = 1005;

  private final WsMetrics metrics;
  private boolean closeSent;
  private boolean closeCounted;

  CloseFrameCheck(WsMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof CloseWebSocketFrame close) {
      CorruptedWebSocketFrameException violation = CloseFrames.violation(close);
      if (violation != null) {
        ReferenceCountUtil.release(msg);
        throw violation;
      }
      if (!closeSent && !closeCounted) {
        closeCounted = true;
        metrics.closeCode(close.statusCode() < 0 ? NO_STATUS : close.statusCode());
      }
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof CloseWebSocketFrame) {
      if (closeSent) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        return;
      }
      closeSent = true;
    }
    super.write(ctx, msg, promise);
  }
}
