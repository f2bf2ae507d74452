package io.quiver.connectors.rest.offramp;

import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The serializers of request bodies and the deserializers of response bodies of one offramp, by
 * content type: the codec its {@code codec_map} (else Tremor's mime map) gives for the mime type,
 * else the offramp's own codec. One instance per offramp, used on its event loop only; at most
 * {@link #MAX_CACHED} mime types are kept, others get a fresh instance each time.
 */
final class BodyCodecs {
  static final int MAX_CACHED = 32;

  private final SinkContext context;
  private Serializer defaultSerializer;
  private Deserializer defaultDeserializer;
  private final Map<String, Optional<Serializer>> serializers = new HashMap<>();
  private final Map<String, Optional<Deserializer>> deserializers = new HashMap<>();

  BodyCodecs(SinkContext context) {
    this.context = context;
  }

  /** The mime type of a {@code Content-Type} value: lower case, without parameters. */
  static String essence(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** The serializer for a body of {@code contentType} (null: the offramp's codec). */
  Serializer serializer(String contentType) {
    if (contentType != null) {
      String mime = essence(contentType);
      Optional<Serializer> s = serializers.get(mime);
      if (s == null) {
        s = context.newSerializer(mime);
        if (serializers.size() < MAX_CACHED) {
          serializers.put(mime, s);
        }
      }
      if (s.isPresent()) {
        return s.get();
      }
    }
    if (defaultSerializer == null) {
      defaultSerializer = context.newSerializer();
    }
    return defaultSerializer;
  }

  /** The deserializer for a body of {@code contentType} (null: the offramp's codec). */
  Deserializer deserializer(String contentType) {
    if (contentType != null) {
      String mime = essence(contentType);
      Optional<Deserializer> d = deserializers.get(mime);
      if (d == null) {
        d = context.newDeserializer(mime);
        if (deserializers.size() < MAX_CACHED) {
          deserializers.put(mime, d);
        }
      }
      if (d.isPresent()) {
        return d.get();
      }
    }
    if (defaultDeserializer == null) {
      defaultDeserializer = context.newDeserializer();
    }
    return defaultDeserializer;
  }
}
