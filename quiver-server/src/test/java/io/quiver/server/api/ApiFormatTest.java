package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Content negotiation as tremor-api/src/api.rs does it, and YAML written as serde_yaml does. */
class ApiFormatTest {
  @Test
  void answersAreJsonUnlessYamlOrTrickleIsAccepted() {
    assertThat(ApiFormat.accepting(null)).isEqualTo(ApiFormat.JSON);
    assertThat(ApiFormat.accepting("*/*")).isEqualTo(ApiFormat.JSON);
    assertThat(ApiFormat.accepting("application/snot")).isEqualTo(ApiFormat.JSON);
    assertThat(ApiFormat.accepting("application/yaml")).isEqualTo(ApiFormat.YAML);
    assertThat(ApiFormat.accepting("application/vnd.trickle")).isEqualTo(ApiFormat.TRICKLE);
  }

  @Test
  void bodiesAreReadByTheirContentTypeWithoutParameters() {
    assertThat(ApiFormat.ofContentType("application/json; charset=utf-8"))
        .isEqualTo(ApiFormat.JSON);
    assertThat(ApiFormat.ofContentType("Application/YAML")).isEqualTo(ApiFormat.YAML);
    assertThat(ApiFormat.ofContentType("text/plain")).isNull();
    assertThat(ApiFormat.ofContentType(null)).isNull();
  }

  @Test
  void trickleIsNoFormatForData() {
    assertThatThrownBy(() -> ApiFormat.TRICKLE.write(Value.NULL))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.getMessage()).isEqualTo("Unsuported formatting as trickle");
            });
  }

  @Test
  void yamlQuotesWhatYamlRustQuotes() throws Exception {
    Value list =
        Value.array(
            Value.of("main"),
            Value.of("system::metrics"),
            Value.of("01"),
            Value.of("true"),
            Value.of(""),
            Value.of("-x"),
            Value.of("a b"));
    assertThat(new String(ApiFormat.YAML.write(list), StandardCharsets.UTF_8))
        .isEqualTo(
            "---\n- main\n- \"system::metrics\"\n- \"01\"\n- \"true\"\n- \"\"\n- \"-x\"\n- a b\n");
  }

  @Test
  void yamlNestsMappingsAndSequencesAsSerdeYaml() {
    Value v =
        Value.obj(
            "artefact",
            Value.obj("id", Value.of("x"), "config", Value.obj("port", Value.of(4242L))),
            "instances",
            Value.EMPTY_ARRAY,
            "rows",
            Value.array(Value.obj("a", Value.of(1L), "b", Value.of(true)), Value.NULL));
    assertThat(YamlText.of(v))
        .isEqualTo(
            """
            ---
            artefact:
              id: x
              config:
                port: 4242
            instances: []
            rows:
              - a: 1
                b: true
              - ~
            """);
  }
}
