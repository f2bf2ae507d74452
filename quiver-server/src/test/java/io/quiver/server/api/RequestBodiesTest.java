package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.RampSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private static ApiRequest post(String contentType, String body) {
    return new ApiRequest(
        "POST", "/x", null, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Test
  void rampsAreReadFromJsonAndYamlAlike() throws Exception {
    RampSpec json =
        RequestBodies.ramp(
            ResourceType.ONRAMP,
            post(
                "application/json",
                "{\"id\":\"b\",\"type\":\"blaster\",\"config\":{\"source\":\"x\"}}"));
    RampSpec yaml =
        RequestBodies.ramp(
            ResourceType.ONRAMP,
            post("application/yaml", "id: b\ntype: blaster\nconfig:\n  source: x\n"));
    assertThat(json.id()).isEqualTo(yaml.id()).isEqualTo("b");
    assertThat(json.config()).isEqualTo(yaml.config());
  }

  @Test
  void aBodyWithoutAKnownContentTypeIs415() {
    for (String type : new String[] {null, "text/plain", "application/vnd.trickle"}) {
      assertThatThrownBy(() -> RequestBodies.ramp(ResourceType.ONRAMP, post(type, "id: x")))
          .hasFieldOrPropertyWithValue("status", 415)
          .hasMessage("No content type provided");
    }
    assertThatThrownBy(() -> RequestBodies.trickle(post("application/json", "select")))
        .hasFieldOrPropertyWithValue("status", 415);
  }

  @Test
  void undecodableBodiesAre400WithTheReadersProblems() {
    assertThatThrownBy(() -> RequestBodies.ramp(ResourceType.ONRAMP, post("application/json", "{")))
        .hasFieldOrPropertyWithValue("status", 400)
        .hasMessageStartingWith("Could not decode JSON: ");
    assertThatThrownBy(
            () ->
                RequestBodies.ramp(
                    ResourceType.OFFRAMP, post("application/yaml", "id: x\ntype: ws\nsnot: 1\n")))
        .hasFieldOrPropertyWithValue("status", 400)
        .hasMessageStartingWith(
            "Could not decode YAML: <API>:3:1: unknown field `snot`, expected one of");
  }

  @Test
  void mappingsAreMapsOfStrings() throws Exception {
    assertThat(RequestBodies.mapping(post("application/json", "{\"instance\":\"01\"}")))
        .containsExactly(Map.entry("instance", "01"));
    assertThat(RequestBodies.mapping(post("application/yaml", "instance: '01'\n")))
        .containsExactly(Map.entry("instance", "01"));
    assertThatThrownBy(() -> RequestBodies.mapping(post("application/yaml", "instance: 1\n")))
        .hasFieldOrPropertyWithValue("status", 400)
        .hasMessage("Could not decode YAML: invalid type: `instance` must be a string");
  }
}
