package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.spi.Decoded;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RampCodecsTest {
  private final Registry registry = Registry.load();

  @Test
  void contentTypeChoosesTheCodecOfTremorsMimeMapElseTheRampsOwn() {
    RampCodecs codecs = new RampCodecs(registry, "string", Map.of(), List.of(), List.of());

    assertThat(codecs.codecFor("application/json")).isEqualTo("json");
    assertThat(codecs.codecFor("Application/JSON; charset=utf-8")).isEqualTo("json");
    assertThat(codecs.codecFor("application/x-msgpack")).isEqualTo("msgpack");
    assertThat(codecs.codecFor("application/x-www-form-urlencoded")).isEqualTo("string");
    assertThat(codecs.codecFor(null)).isEqualTo("string");
  }

  @Test
  void theArtefactsCodecMapOverridesTheBuiltInOne() {
    RampCodecs codecs =
        new RampCodecs(
            registry,
            "json",
            Map.of("application/json", "string", "text/x-yaml", "yaml"),
            List.of(),
            List.of());

    assertThat(codecs.codecFor("application/json")).isEqualTo("string");
    assertThat(codecs.codecFor("text/x-yaml")).isEqualTo("yaml");
  }

  @Test
  void deserializerDecodesByContentType() throws Exception {
    RampCodecs codecs = new RampCodecs(registry, "string", Map.of(), List.of(), List.of());
    List<Decoded> out = new ArrayList<>();

    codecs
        .deserializer("application/json")
        .deserialize("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, true, out);
    codecs
        .deserializer(null)
        .deserialize("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, true, out);

    assertThat(((Decoded.Ok) out.get(0)).value()).isEqualTo(Value.obj("a", Value.of(1)));
    assertThat(((Decoded.Ok) out.get(1)).value()).isEqualTo(Value.of("{\"a\":1}"));
  }

  @Test
  void serializerNamesTheMimeTypeItProduces() {
    RampCodecs codecs = new RampCodecs(registry, "json", Map.of(), List.of(), List.of());

    assertThat(codecs.serializer(null).mimeType()).hasValue("application/json");
    assertThat(codecs.serializer("text/html; charset=utf-8").mimeType()).hasValue("text/html");
    assertThat(codecs.serializer("text/html").codec().name()).isEqualTo("string");
    assertThat(codecs.serializer("image/png").mimeType()).hasValue("application/json");
    assertThat(
            new RampCodecs(registry, "influx", Map.of(), List.of(), List.of())
                .serializer(null)
                .mimeType())
        .isEmpty();
  }
}
