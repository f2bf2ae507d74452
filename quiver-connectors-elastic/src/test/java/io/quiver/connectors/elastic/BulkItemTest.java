package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkItemTest {
  @Test
  void readsEachItemInOrderAndAnItemWithAnErrorIsNotOk() throws Exception {
    String body =
        """
        {"took":3,"errors":true,"items":[
          {"index":{"_index":"i","_type":"t","_id":"a","_version":1,"result":"created","status":201}},
          {"index":{"_index":"i","_id":"b","status":400,"error":{"type":"mapper_parsing_exception","reason":"no"}}},
          {"delete":{"_index":"i","_id":"c","_version":1,"result":"not_found","status":404}}
        ]}
        """;
    List<BulkItem> items = BulkItem.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(items).hasSize(3);
    assertThat(items.get(0)).isEqualTo(new BulkItem("i", "t", "a", Value.of(1L), null));
    assertThat(items.get(0).ok()).isTrue();
    assertThat(items.get(1).ok()).isFalse();
    assertThat(items.get(1).type()).isNull();
    assertThat(((Value.Obj) items.get(1).error()).get("type"))
        .isEqualTo(Value.of("mapper_parsing_exception"));
    assertThat(items.get(2).ok())
        .as("a delete of a missing document is answered, not refused")
        .isTrue();
  }

  @Test
  void aBodyWithoutItemsIsAnError() {
    assertThatThrownBy(() -> BulkItem.parse("{\"took\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("the bulk response has no items");
  }
}
