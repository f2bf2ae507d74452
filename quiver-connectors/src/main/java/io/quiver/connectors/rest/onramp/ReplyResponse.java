package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a reply event into the HTTP response of its request, as Tremor 0.11.12's rest onramp does
 * ({@code make_response}): status from {@code $response.status} (200 when absent), headers from
 * {@code $response.headers} (a string or a list of strings per name), the body encoded by the codec
 * the response's {@code content-type} maps to, else by the onramp's codec, which then also names
 * the content type when the reply gave none.
 *
 * <p>Where Tremor fails, the answer is a JSON error ({@link ErrorResponses}): a batched reply
 * (Tremor's text), a body the codec cannot encode, an invalid status or header, all 500. An error
 * event (meta {@code error}, from an {@code err} port) without {@code $response} is answered 500
 * with the event as its JSON body; Tremor answers it 500 with an empty body.
 */
final class ReplyResponse {
  private ReplyResponse() {}

  /**
   * The response for {@code reply}.
   *
   * @param serializers the serializer for a content type (null: the onramp's codec)
   */
  static FullHttpResponse of(Event reply, Function<String, Serializer> serializers) {
    if (reply.batch()) {
      return ErrorResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorResponses.BATCHED);
    }
    try {
      return build(reply, serializers);
    } catch (Exception e) {
      return ErrorResponses.error(
          HttpResponseStatus.INTERNAL_SERVER_ERROR, "Error encoding the reply: " + e.getMessage());
    }
  }

  private static FullHttpResponse build(Event reply, Function<String, Serializer> serializers)
      throws Exception {
    Value response = reply.metaField("response");
    if (response == null && reply.metaField("error") != null) {
      return ErrorResponses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, reply.data());
    }
    HttpResponseStatus status = HttpResponseStatus.OK;
    String contentType = null;
    HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
    if (response instanceof Value.Obj r) {
      if (r.get("status") instanceof Value.Int s) {
        if (s.value() < 100 || s.value() > 999) {
          throw new IllegalArgumentException("invalid $response.status " + s.value());
        }
        status = HttpResponseStatus.valueOf((int) s.value());
      }
      if (r.get("headers") instanceof Value.Obj h) {
        contentType = copyHeaders(h, headers);
      }
    }
    Serializer serializer = serializers.apply(contentType);
    byte[] body = concat(serializer.serialize(reply.data(), reply.ingestNs()));
    if (contentType == null && serializer.mimeType().isPresent()) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, serializer.mimeType().get());
    }
    ByteBuf content = Unpooled.wrappedBuffer(body);
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            content,
            headers,
            EmptyHttpHeaders.INSTANCE); // a whole body with its length: never any trailers
    out.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return out;
  }

  /**
   * Hop-by-hop headers (RFC 9110 7.6.1): they describe the connection a response came over (an
   * upstream's, when the reply is a proxied response), so the onramp never copies them; it manages
   * its client's connection itself (keep-alive, close, chunking).
   */
  private static final java.util.Set<String> HOP_BY_HOP =
      java.util.Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Copies the reply's headers; returns the first content-type value, or null. */
  private static String copyHeaders(Value.Obj from, HttpHeaders to) {
    String contentType = null;
    for (Map.Entry<String, Value> h : from.fields().entrySet()) {
      String name = h.getKey();
      if (HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      boolean isContentType = name.equalsIgnoreCase("content-type");
      switch (h.getValue()) {
        case Value.Str s -> {
          to.add(name, s.value());
          if (isContentType && contentType == null) {
            contentType = s.value();
          }
        }
        case Value.Arr values -> {
          for (Value v : values.items()) {
            if (v instanceof Value.Str s) {
              to.add(name, s.value());
              if (isContentType && contentType == null) {
                contentType = s.value();
              }
            }
          }
        }
        default -> {}
      }
    }
    return contentType;
  }

  private static byte[] concat(List<byte[]> chunks) {
    if (chunks.size() == 1) {
      return chunks.get(0);
    }
    int n = 0;
    for (byte[] c : chunks) {
      n += c.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, out, at, c.length);
      at += c.length;
    }
    return out;
  }
}
