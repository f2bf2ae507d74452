package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a handshake request before the websocket upgrade: the path (when the onramp has one) and
 * the Origin header (when the onramp has an allow-list). Refused requests get HTTP 404 or 403.
 * Removes itself after the first request.
 */
final class HandshakeFilter extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeFilter.class);

  private final String path;
  private final List<String> allowedOrigins;
  private final WsMetrics metrics;

  HandshakeFilter(String path, List<String> allowedOrigins, WsMetrics metrics) {
    this.path = path;
    this.allowedOrigins = allowedOrigins;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof FullHttpRequest request)) {
      super.channelRead(ctx, msg);
      return;
    }
    String requestPath = new QueryStringDecoder(request.uri()).path();
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (path != null && !path.equals(requestPath)) {
      refuse(
          ctx,
          msg,
          HttpResponseStatus.NOT_FOUND,
          "no websocket endpoint at " + requestPath + "; use " + path);
      return;
    }
    if (!allowedOrigins.isEmpty() && origin != null && !allowedOrigins.contains(origin)) {
      refuse(ctx, msg, HttpResponseStatus.FORBIDDEN, "origin " + origin + " is not allowed");
      return;
    }
    ctx.pipeline().remove(this);
    super.channelRead(ctx, msg);
  }

  private void refuse(
      ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, String text) {
    ReferenceCountUtil.release(msg);
    metrics.connectionRejected();
    LOG.debug(
        "refusing handshake from {}: {} {}", ctx.channel().remoteAddress(), status.code(), text);
    HttpRefusal.send(ctx, status, text);
  }
}
