package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ElasticClientTest {
  @Test
  void mappingTypesOnlyBeforeElasticsearch8AndNeverOnOpenSearch() throws Exception {
    assertThat(ElasticClient.hasTypes(Json.parse("{\"version\":{\"number\":\"7.10.1\"}}")))
        .isTrue();
    assertThat(ElasticClient.hasTypes(Json.parse("{\"version\":{\"number\":\"8.11.0\"}}")))
        .isFalse();
    assertThat(
            ElasticClient.hasTypes(
                Json.parse(
                    "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.6\"}}")))
        .isFalse();
    assertThat(ElasticClient.hasTypes(Json.parse("{}"))).isTrue();
  }

  @Test
  void anErrorAnswerIsSummedUpByItsReason() {
    byte[] json =
        "{\"error\":{\"type\":\"x\",\"reason\":\"Action/metadata line [1] contains an unknown parameter [_type]\"},\"status\":400}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(ElasticClient.reason(json))
        .isEqualTo("Action/metadata line [1] contains an unknown parameter [_type]");
    assertThat(ElasticClient.reason("<html>busy</html>\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("<html>busy</html>");
  }
}
