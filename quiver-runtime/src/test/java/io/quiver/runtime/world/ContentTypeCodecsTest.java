package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.Problems;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.value.Value;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTypeCodecsTest {

  private static ContentTypeCodecs codecs(String codecMap) {
    Problems problems = new Problems();
    String yaml =
        """
        offramp:
          - id: out
            type: rest
            codec: json
            CODEC_MAP
            config:
              endpoint: http://127.0.0.1:1/
        """
            .replace("CODEC_MAP", codecMap);
    ArtefactLoader.Loaded loaded =
        ArtefactLoader.load(List.of(Path.of("config.yaml")), (f, p) -> yaml, problems);
    assertThat(problems.isEmpty()).isTrue();
    return new ContentTypeCodecs(
        Registry.load(), new ValidatedRamp(loaded.repository().offramps.get("out"), null, "json"));
  }

  @Test
  void tremorsMimeMapWithParametersAndCaseIgnored() {
    ContentTypeCodecs c = codecs("");
    assertThat(c.codecName("Application/JSON; charset=utf-8")).isEqualTo("json");
    assertThat(c.codecName("text/plain")).isEqualTo("string");
    assertThat(c.codecName("application/x-snot")).isNull();
    assertThat(c.codecName(null)).isNull();
    assertThat(c.serializer("application/x-snot")).isEmpty();
  }

  @Test
  void theArtefactsCodecMapComesFirst() throws Exception {
    ContentTypeCodecs c =
        codecs("codec_map: {\"application/json\": \"string\", \"text/x-yaml\": \"yaml\"}");
    assertThat(c.codecName("application/json")).isEqualTo("string");
    assertThat(c.codecName("TEXT/X-YAML")).isEqualTo("yaml");
    Serializer s = c.serializer("application/json").orElseThrow();
    assertThat(s.codec().name()).isEqualTo("string");
    assertThat(new String(s.serialize(Value.of("x"), 0).get(0))).isEqualTo("x");
    Deserializer d = c.deserializer("text/plain").orElseThrow();
    assertThat(d.codec().name()).isEqualTo("string");
  }
}
