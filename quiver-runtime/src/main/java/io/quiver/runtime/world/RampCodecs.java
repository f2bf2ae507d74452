package io.quiver.runtime.world;

import io.quiver.codec.MimeCodecs;
import io.quiver.runtime.Registry;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.Serializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The codecs of one onramp or offramp: its own (with its pre- and postprocessors) and the ones its
 * {@code codec_map} picks by mime type (Tremor's built-in map, overridden by the artefact's
 * entries; src/source.rs and src/codec.rs). A content type no entry names gets the ramp's own
 * codec, as in Tremor.
 */
final class RampCodecs {
  private final Registry registry;
  private final String codec;
  private final List<String> preprocessors;
  private final List<String> postprocessors;
  private final Map<String, String> byMime;

  RampCodecs(
      Registry registry,
      String codec,
      Map<String, String> codecMap,
      List<String> preprocessors,
      List<String> postprocessors) {
    this.registry = registry;
    this.codec = codec;
    this.preprocessors = List.copyOf(preprocessors);
    this.postprocessors = List.copyOf(postprocessors);
    Map<String, String> map = new LinkedHashMap<>(MimeCodecs.builtin());
    codecMap.forEach((mime, name) -> map.put(essence(mime), name));
    this.byMime = Map.copyOf(map);
  }

  static RampCodecs of(Registry registry, ValidatedRamp ramp) {
    return new RampCodecs(
        registry,
        ramp.codec(),
        ramp.spec().codecMap(),
        ramp.spec().preprocessors(),
        ramp.spec().postprocessors());
  }

  /** {@code type/subtype} of a content type, lower case, without parameters; null for null. */
  static String essence(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** The codec name for {@code contentType}: the codec_map's entry, else the ramp's codec. */
  String codecFor(String contentType) {
    String mapped = contentType == null ? null : byMime.get(essence(contentType));
    return mapped == null ? codec : mapped;
  }

  /** A deserializer for data labelled {@code contentType} (null: the ramp's codec). */
  Deserializer deserializer(String contentType) {
    // one per stream (a rest onramp opens one per request): no stream pipeline for the usual none
    List<Preprocessor> pre =
        preprocessors.isEmpty()
            ? List.of()
            : preprocessors.stream().map(registry::preprocessor).toList();
    return new Deserializer(pre, registry.codec(codecFor(contentType)));
  }

  /** A serializer for data labelled {@code contentType} (null: the ramp's codec). */
  Serializer serializer(String contentType) {
    String name = codecFor(contentType);
    String mapped = contentType == null ? null : byMime.get(essence(contentType));
    String mime = mapped != null ? essence(contentType) : mimeOf(name);
    return new Serializer(
        registry.codec(name), postprocessors.stream().map(registry::postprocessor).toList(), mime);
  }

  /** The first mime type of Tremor's built-in map for a codec (its {@code mime_types}), or null. */
  static String mimeOf(String codecName) {
    for (Map.Entry<String, String> e : MimeCodecs.builtin().entrySet()) {
      if (e.getValue().equals(codecName)) {
        return e.getKey();
      }
    }
    return null;
  }
}
