package io.quiver.connectors.cloud.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.QueuedSink.BadEventException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class GcsCommandTest {
  @Test
  void eachCommandReadsTheFieldsItNeeds() throws Exception {
    GcsCommand c =
        GcsCommand.parse(
            Json.parse("{\"command\":\"create_bucket\",\"project_id\":\"p\",\"bucket\":\"b\"}"));
    assertThat(c.name()).isEqualTo("create_bucket");
    assertThat(c.field("project_id")).isEqualTo("p");
    assertThat(c.field("bucket")).isEqualTo("b");
    GcsCommand up =
        GcsCommand.parse(
            Json.parse(
                "{\"command\":\"upload_object\",\"bucket\":\"b\",\"object\":\"o\",\"body\":[1]}"));
    assertThat(up.body()).isEqualTo(Value.array(Value.of(1)));
  }

  @Test
  void badCommandsGetTremorsTexts() {
    assertThatThrownBy(() -> GcsCommand.parse(Value.of(1)))
        .isInstanceOf(BadEventException.class)
        .hasMessage("Invalid Command");
    assertThatThrownBy(() -> GcsCommand.parse(Json.parse("{\"bucket\":\"b\"}")))
        .hasMessage("Invalid Command, expected `command` field");
    assertThatThrownBy(
            () ->
                GcsCommand.parse(
                    Json.parse(
                        "{\"command\":\"upload_object\",\"bucket\":\"b\",\"object\":\"o\"}")))
        .hasMessage("Invalid Command, expected `body` field");
    assertThatThrownBy(() -> GcsCommand.parse(Json.parse("{\"command\":\"list_buckets\"}")))
        .hasMessage("Invalid Command, expected `project_id` field");
  }

  @Test
  void namesArePercentEncodedAsOnePathSegment() {
    assertThat(GcsApi.seg("a/b c+d*~")).isEqualTo("a%2Fb%20c%2Bd%2A%7E");
  }
}
