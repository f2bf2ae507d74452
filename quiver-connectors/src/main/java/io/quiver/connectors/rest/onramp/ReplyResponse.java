package io.quiver.connectors.rest.onramp;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.connectors.rest.http1.HeaderSyntax;
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

  private static Answer build(Event reply, Function<String, Serializer> serializers)
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
    String contentType = headers == null ? null : contentType(headers);
    Serializer serializer = serializers.apply(contentType);
    byte[] body = concat(serializer.serialize(reply.data(), reply.ingestNs()));
    Answer out = new Answer(status, body, headers == null ? 1 : headers.size() + 1);
    if (headers != null) {
      copyHeaders(headers, out);
    }
    if (contentType == null && serializer.mimeType().isPresent()) {
      out.header("content-type", serializer.mimeType().get());
    }
    return out;
  }

  /** The first content-type value of the reply's headers, or null. */
  private static String contentType(Value.Obj headers) {
    String[] found = new String[1];
    // forEach: no iterator or entry objects (this runs for every reply)
    headers
        .fields()
        .forEach(
            (name, value) -> {
              if (found[0] == null && name.equalsIgnoreCase("content-type")) {
                found[0] = firstString(value);
              }
            });
    return found[0];
  }

  /** The string, or the first string of a list; null when there is none. */
  private static String firstString(Value value) {
    switch (value) {
      case Value.Str s -> {
        return s.value();
      }
      case Value.Arr values -> {
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) instanceof Value.Str s) {
            return s.value();
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** Copies the reply's headers (string values, or the strings of a list), checked. */
  private static void copyHeaders(Value.Obj from, Answer to) {
    from.fields().forEach((name, value) -> copyHeader(name, value, to));
  }

  private static void copyHeader(String name, Value value, Answer to) {
    if (!HeaderSyntax.isToken(name)) {
      throw new IllegalArgumentException("invalid header name '" + name + "'");
    }
    if (isNotCopied(name)) {
      return;
    }
    switch (value) {
      case Value.Str s -> to.header(name, checked(name, s.value()));
      case Value.Arr values -> {
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) instanceof Value.Str s) {
            to.header(name, checked(name, s.value()));
          }
        }
      }
      default -> {}
    }
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

  private static String checked(String name, String value) {
    if (!HeaderSyntax.isValue(value)) {
      throw new IllegalArgumentException("invalid value of header '" + name + "'");
    }
    return value;
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
