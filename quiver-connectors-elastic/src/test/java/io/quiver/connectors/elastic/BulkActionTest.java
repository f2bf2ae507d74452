package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkActionTest {
  static Event event(String data, String meta) throws Exception {
    return new Event(new EventId(1, 0, 0), 0, Json.parse(data), Json.parse(meta), 0);
  }

  @Test
  void readsTheElasticMetadata() throws Exception {
    BulkAction.Read read =
        BulkAction.of(
            event(
                "{\"a\":1}",
                "{\"elastic\":{\"_index\":\"i\",\"_type\":\"t\",\"_id\":\"x\",\"pipeline\":\"p\","
                    + "\"action\":\"update\"}}"));
    assertThat(read)
        .isEqualTo(
            new BulkAction.Valid(
                new BulkAction("update", "i", "t", "x", "p", Value.obj("a", Value.of(1L)))));
  }

  @Test
  void theDeprecatedTopLevelKeysWin() throws Exception {
    BulkAction.Read read =
        BulkAction.of(
            event(
                "{}",
                "{\"index\":\"old\",\"doc_type\":\"t\",\"doc_id\":\"1\",\"pipeline\":\"p\","
                    + "\"action\":\"create\",\"elastic\":{\"_index\":\"new\",\"_id\":\"2\"}}"));
    assertThat(((BulkAction.Valid) read).action())
        .isEqualTo(new BulkAction("create", "old", "t", "1", "p", Value.EMPTY_OBJECT));
  }

  @Test
  void withoutAnActionOrWithANullOneItIsIndex() throws Exception {
    BulkAction.Read read =
        BulkAction.of(event("{}", "{\"action\":null,\"elastic\":{\"_index\":\"i\"}}"));
    assertThat(((BulkAction.Valid) read).action().op()).isEqualTo("index");
  }

  @Test
  void withoutAnIndexItIsRefusedWithTremorsText() throws Exception {
    assertThat(BulkAction.of(event("{}", "{\"elastic\":{\"_type\":\"t\"}}")))
        .isEqualTo(new BulkAction.Invalid("'index' not set for elastic offramp!"));
  }

  @Test
  void anUnknownActionIsRefusedWithTremorsText() throws Exception {
    assertThat(BulkAction.of(event("{}", "{\"elastic\":{\"_index\":\"i\",\"action\":\"upsert\"}}")))
        .isEqualTo(
            new BulkAction.Invalid(
                "invalid ES operation, use one of `delete`, `create`, `update`, `index`:"
                    + " upsert"));
  }

  @Test
  void theBodyHasAMetadataLineAndADocumentLinePerActionExceptDelete() {
    List<BulkAction> actions =
        List.of(
            new BulkAction("index", "i", "t", null, null, Value.obj("a", Value.of(1L))),
            new BulkAction("create", "i", null, "c", "p", Value.obj("b", Value.TRUE)),
            new BulkAction("update", "i", "t", "u", null, Value.obj("c", Value.NULL)),
            new BulkAction("delete", "i", "t", "d", null, Value.obj("ignored", Value.TRUE)));
    assertThat(new String(BulkBody.of(actions, true), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            """
            {"index":{"_index":"i","_type":"t"}}
            {"a":1}
            {"create":{"_index":"i","_id":"c","pipeline":"p"}}
            {"b":true}
            {"update":{"_index":"i","_type":"t","_id":"u"}}
            {"doc":{"c":null}}
            {"delete":{"_index":"i","_type":"t","_id":"d"}}
            """);
    assertThat(new String(BulkBody.of(actions, false), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("_type")
        .startsWith("{\"index\":{\"_index\":\"i\"}}\n{\"a\":1}\n");
  }
}
