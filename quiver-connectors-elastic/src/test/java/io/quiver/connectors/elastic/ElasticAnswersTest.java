package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class ElasticAnswersTest {
  private static Event entry(String value, String meta) throws Exception {
    return new Event(
        new EventId(0, 0, 0),
        0,
        Value.obj("data", Value.obj("value", Json.parse(value), "meta", Json.parse(meta))),
        Value.EMPTY_OBJECT,
        0);
  }

  @Test
  void aDocumentTakenIsAnsweredInTremorsShape() throws Exception {
    Event e = BulkActionTest.event("{\"a\":1}", "{\"correlation\":\"c\"}");
    BulkAction action = new BulkAction("index", "i", "t", null, null, e.data());
    BulkItem item = new BulkItem("i", null, "x1", Value.of(3L), null);
    Event answer = ElasticAnswers.documentOk(e, e, action, item);
    assertThat(Json.write(answer.data()))
        .isEqualTo(
            "{\"source\":{\"event_id\":\"1:0:0\",\"origin\":null},\"payload\":{\"a\":1},"
                + "\"success\":true}");
    assertThat(Json.write(answer.meta()))
        .isEqualTo(
            "{\"elastic\":{\"_id\":\"x1\",\"_index\":\"i\",\"_type\":\"t\",\"id\":\"x1\","
                + "\"index\":\"i\",\"doc_type\":\"t\",\"version\":3},\"correlation\":\"c\"}");
  }

  @Test
  void aRefusedDocumentCarriesTheNodesErrorAndNoVersion() throws Exception {
    Event e = BulkActionTest.event("{\"a\":1}", "{}");
    BulkAction action = new BulkAction("index", "i", null, null, null, e.data());
    BulkItem item = new BulkItem("i", "_doc", "x", null, Value.obj("type", Value.of("boom")));
    Event answer = ElasticAnswers.documentFailed(e, e, action, item);
    assertThat(Json.write(answer.data()))
        .isEqualTo(
            "{\"source\":{\"event_id\":\"1:0:0\",\"origin\":null},\"payload\":{\"a\":1},"
                + "\"error\":{\"type\":\"boom\"},\"success\":false}");
    assertThat(Json.write(answer.meta())).doesNotContain("version").contains("\"_type\":\"_doc\"");
  }

  @Test
  void aBatchsCorrelationIsTheArrayOfItsEntries() throws Exception {
    Event batch =
        new Event(
            new EventId(1, 0, 9),
            0,
            Value.array(entry("{}", "{\"correlation\":1}").data(), entry("{}", "{}").data()),
            Value.EMPTY_OBJECT,
            0,
            Transit.NONE.withBatch(true));
    assertThat(ElasticAnswers.correlation(batch)).isEqualTo(Json.parse("[1,null]"));
    Event answer = ElasticAnswers.requestFailed(batch, "down");
    assertThat(Json.write(answer.meta())).isEqualTo("{\"correlation\":[1,null]}");
    assertThat(Json.write(answer.data()))
        .isEqualTo(
            "{\"source\":{\"event_id\":\"1:0:9\",\"origin\":null},\"success\":false,"
                + "\"error\":\"down\"}");
  }

  @Test
  void aDroppedEventSaysWhyInDataAndMeta() throws Exception {
    Event e = BulkActionTest.event("{\"a\":1}", "{}");
    Event answer = ElasticAnswers.dropped(e, ElasticSink.OVERLOAD);
    assertThat(Json.write(answer.data()))
        .isEqualTo(
            "{\"success\":false,\"error\":\"Dropped data due to es overload\",\"payload\":{\"a\":1}}");
    assertThat(Json.write(answer.meta()))
        .isEqualTo("{\"error\":\"Dropped data due to es overload\"}");
  }
}
