package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class RecordBinderTest {

  private static Value field(String type, String name, Value value) {
    return Value.obj("fieldType", Value.of(type), "name", Value.of(name), "value", value);
  }

  @Test
  void anEventIsAnInsertWithAParameterPerField() throws Exception {
    RecordBinder.Insert insert =
        RecordBinder.insert(
            "events",
            Value.obj(
                "user_id", field("INT8", "user_id", Value.of(12345)),
                "Product Id", field("VARCHAR", "product_id", Value.of("jdwa2djh2"))));
    assertThat(insert.sql()).isEqualTo("INSERT INTO events (user_id,\"Product Id\") VALUES (?,?);");
    assertThat(insert.columns())
        .extracting(RecordBinder.Column::type)
        .containsExactly(RecordBinder.FieldType.INT8, RecordBinder.FieldType.VARCHAR);
  }

  @Test
  void fieldsThatAreNotTremorsShapeAreRefusedWithItsTexts() {
    assertThatThrownBy(() -> RecordBinder.insert("t", Value.obj("a", Value.of(1))))
        .hasMessage("Could not convert json to record: error getting fieldType");
    assertThatThrownBy(
            () -> RecordBinder.insert("t", Value.obj("a", field("FLOAT8", "a", Value.of(1)))))
        .hasMessage(
            "Could not convert json to record: intermediate representation does not support field"
                + " type");
    assertThatThrownBy(
            () ->
                RecordBinder.insert(
                    "t",
                    Value.obj("a", Value.obj("fieldType", Value.of("INT8"), "value", Value.of(1)))))
        .hasMessage("Could not convert json to record: Missing field `name`");
    assertThatThrownBy(
            () ->
                RecordBinder.insert(
                    "t",
                    Value.obj(
                        "a", Value.obj("fieldType", Value.of("INT8"), "name", Value.of("a")))))
        .hasMessage("Could not convert json to record: Missing field `value`");
    assertThatThrownBy(() -> RecordBinder.insert("t", Value.array(Value.of(1))))
        .hasMessage("event is a array, not a record of columns: nothing to insert");
  }

  @Test
  void plainIdentifiersStayUnquotedOthersAreQuoted() {
    assertThat(RecordBinder.identifier("created_at")).isEqualTo("created_at");
    assertThat(RecordBinder.identifier("UserId")).isEqualTo("UserId");
    assertThat(RecordBinder.identifier("a\"b); DROP TABLE x; --"))
        .isEqualTo("\"a\"\"b); DROP TABLE x; --\"");
  }
}
