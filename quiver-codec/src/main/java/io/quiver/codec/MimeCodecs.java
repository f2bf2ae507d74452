package io.quiver.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tremor 0.11's built-in {@code codec_map}: which codec decodes and encodes a body of a given mime
 * type (src/codec.rs, {@code builtin_codec_map} and {@code by_mime_type}). A source's own {@code
 * codec_map} entries override these.
 */
public final class MimeCodecs {
  private static final Map<String, String> BUILTIN = builtinMap();

  private MimeCodecs() {}

  private static Map<String, String> builtinMap() {
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    m.put("application/json", JsonCodec.NAME);
    m.put("application/yaml", YamlCodec.NAME);
    m.put("text/plain", StringCodec.NAME);
    m.put("text/html", StringCodec.NAME);
    m.put("application/msgpack", MsgpackCodec.NAME);
    m.put("application/x-msgpack", MsgpackCodec.NAME);
    m.put("application/vnd.msgpack", MsgpackCodec.NAME);
    m.put("application/octet-stream", BinaryCodec.NAME);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Mime type ({@code <type>/<subtype>}, lower case, no parameters) to codec name, in Tremor's
   * order.
   */
  public static Map<String, String> builtin() {
    return BUILTIN;
  }

  /**
   * The codec name for a {@code Content-Type} value: parameters such as {@code ; charset=utf-8} and
   * case are ignored; empty when the built-in map has no codec for it.
   */
  public static Optional<String> forContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semicolon = contentType.indexOf(';');
    String mime =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(java.util.Locale.ROOT);
    return Optional.ofNullable(BUILTIN.get(mime));
  }

  /** Tremor's error text when no codec is known for a mime type. */
  public static String notFoundMessage(String mime) {
    return "No codec found for mime type '" + mime + "'";
  }
}
