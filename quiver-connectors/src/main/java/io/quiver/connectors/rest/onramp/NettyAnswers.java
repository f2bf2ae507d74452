package io.quiver.connectors.rest.onramp;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An {@link Answer} as Netty's response object, for the connections that keep Netty's HTTP codec:
 * the streams of HTTP/2 and clear-text HTTP/1.1 that may upgrade to h2c.
 */
final class NettyAnswers {
  private NettyAnswers() {}

  static FullHttpResponse full(Answer a, boolean head, Http1Writer.Connection connection) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(a.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
    HttpHeaders h = r.headers();
    for (int i = 0; i < a.headerCount(); i++) {
      h.add(a.headerName(i), a.headerValue(i));
    }
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
    switch (connection) {
      case CLOSE -> h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      case KEEP_ALIVE -> h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      case DEFAULT -> {}
    }
    return r;
  }
}
