package io.quiver.runtime.world;

import io.quiver.codec.MimeCodecs;
import io.quiver.runtime.Registry;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which codec a ramp uses for a body of a given {@code Content-Type}: the artefact's own {@code
 * codec_map} first, then Tremor's built-in mime map ({@link MimeCodecs}), as Tremor's sink and
 * source managers merge them. Builds serializers and deserializers with the ramp's processors.
 */
final class ContentTypeCodecs {
  private final Registry registry;
  private final ValidatedRamp ramp;

  ContentTypeCodecs(Registry registry, ValidatedRamp ramp) {
    this.registry = registry;
    this.ramp = ramp;
  }

  /** The codec name for {@code contentType}, or null when neither map has its mime type. */
  String codecName(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String essence =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : ramp.spec().codecMap().entrySet()) {
      if (e.getKey().strip().toLowerCase(Locale.ROOT).equals(essence)) {
        return e.getValue();
      }
    }
    return MimeCodecs.forContentType(essence).orElse(null);
  }

  Optional<Serializer> serializer(String contentType) {
    String name = codecName(contentType);
    if (name == null || !registry.hasCodec(name)) {
      return Optional.empty();
    }
    return Optional.of(
        new Serializer(
            registry.codec(name),
            ramp.spec().postprocessors().stream().map(registry::postprocessor).toList()));
  }

  Optional<Deserializer> deserializer(String contentType) {
    String name = codecName(contentType);
    if (name == null || !registry.hasCodec(name)) {
      return Optional.empty();
    }
    return Optional.of(
        new Deserializer(
            ramp.spec().preprocessors().stream().map(registry::preprocessor).toList(),
            registry.codec(name)));
  }
}
