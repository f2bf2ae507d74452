package io.quiver.connectors.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Answers a handshake request with an HTTP error and a one-line text body, then closes. */
final class HttpRefusal {
  private HttpRefusal() {}

  static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
    send(ctx, status, text, headers -> {});
  }

  /** With {@code extraHeaders} setting headers beyond the body's and {@code Connection: close}. */
  static void send(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      String text,
      Consumer<HttpHeaders> extraHeaders) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    extraHeaders.accept(response.headers());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
