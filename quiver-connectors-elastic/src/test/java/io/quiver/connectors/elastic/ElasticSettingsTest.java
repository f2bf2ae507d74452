package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticSettingsTest {
  @Test
  void tremorsDefaultsAndNodesAsBaseUrls() throws Exception {
    ConfigSpec.Validation v =
        ElasticSettings.SPEC.validate(
            Json.parse("{\"nodes\":[\"http://127.0.0.1:9200\",\"https://h:9201/es\"]}"));
    assertThat(v.ok()).isTrue();
    ElasticSettings s = ElasticSettings.of(v.config());
    assertThat(s.nodes())
        .containsExactly(URI.create("http://127.0.0.1:9200/"), URI.create("https://h:9201/es/"));
    assertThat(s.concurrency()).isEqualTo(4);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void everyProblemIsReportedWithItsKey() throws Exception {
    ConfigSpec.Validation v =
        ElasticSettings.SPEC.validate(
            Json.parse("{\"nodes\":[\"localhost:9200\"],\"concurrency\":0}"));
    assertThat(v.ok()).isFalse();
    assertThat(v.problems().toString())
        .contains("nodes")
        .contains("`localhost:9200` is not an http(s) URL with a host")
        .contains("concurrency")
        .contains("value must be at least 1");
  }

  @Test
  void anEmptyNodeListIsRefused() throws Exception {
    assertThat(ElasticSettings.nodesProblem(Json.parse("[]")))
        .isEqualTo("give at least one node URL");
    assertThat(ElasticSettings.nodesProblem(Json.parse("[\"http://a:1/\"]"))).isNull();
  }

  @Test
  void missingNodesAreRefused() throws Exception {
    ConfigSpec.Validation v = ElasticSettings.SPEC.validate(Json.parse("{}"));
    assertThat(v.ok()).isFalse();
    assertThat(v.problems().toString()).contains("nodes");
    assertThat(List.of(v.problems().size())).containsExactly(1);
  }
}
