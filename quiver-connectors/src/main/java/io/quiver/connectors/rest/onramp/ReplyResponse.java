package io.quiver.connectors.rest.onramp;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.List;
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
  static Answer of(Event reply, Function<String, Serializer> serializers) {
    return of(reply, serializers, new ReplyHeaders());
  }

  /**
   * The response for {@code reply}, its headers read with {@code headers} (the connection's own).
   *
   * @param serializers the serializer for a content type (null: the onramp's codec)
   */
  static Answer of(Event reply, Function<String, Serializer> serializers, ReplyHeaders headers) {
    if (reply.batch()) {
      return ErrorResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorResponses.BATCHED);
    }
    try {
      return build(reply, serializers, headers);
    } catch (Exception e) {
      return ErrorResponses.error(
          HttpResponseStatus.INTERNAL_SERVER_ERROR, "Error encoding the reply: " + e.getMessage());
    }
  }

  private static Answer build(
      Event reply, Function<String, Serializer> serializers, ReplyHeaders replyHeaders)
      throws Exception {
    Value response = reply.metaField("response");
    if (response == null && reply.metaField("error") != null) {
      return ErrorResponses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, reply.data());
    }
    int status = 200;
    Value.Obj headers = null;
    if (response instanceof Value.Obj r) {
      if (r.get("status") instanceof Value.Int s) {
        if (s.value() < 100 || s.value() > 999) {
          throw new IllegalArgumentException("invalid $response.status " + s.value());
        }
        status = (int) s.value();
      }
      if (r.get("headers") instanceof Value.Obj h) {
        headers = h;
      }
    }
    if (headers != null) {
      replyHeaders.read(headers);
    }
    String contentType = headers == null ? null : replyHeaders.contentType();
    Serializer serializer = serializers.apply(contentType);
    byte[] body = concat(serializer.serialize(reply.data(), reply.ingestNs()));
    Answer out;
    if (headers != null) {
      if (replyHeaders.problem() != null) {
        throw replyHeaders.problem();
      }
      out = new Answer(status, body, replyHeaders.lines(), replyHeaders.count());
    } else {
      out = new Answer(status, body, 1);
    }
    if (contentType == null && serializer.mimeType().isPresent()) {
      out.header("content-type", serializer.mimeType().get());
    }
    return out;
  }

  /**
   * Whether {@code name} (a token, so ASCII) is a hop-by-hop header (RFC 9110 7.6.1): it describes
   * the connection a response came over (an upstream's, when the reply is a proxied response), so
   * the onramp never copies it; it manages its client's connection itself (keep-alive, close,
   * chunking), and writes the body's length. By length first: this runs for every reply header.
   */
  static boolean isNotCopied(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 14 -> name.equalsIgnoreCase("content-length");
      case 16 -> name.equalsIgnoreCase("proxy-connection");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      default -> false;
    };
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
