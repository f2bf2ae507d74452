package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tremor's key order (on only with {@link TremorJson}) and Quiver's insertion order (default). */
class KeyOrderTest {
  @AfterEach
  void off() {
    TremorJson.enable(false);
  }

  private static Value.Obj record(String... keys) {
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, Value.of(k.length()));
    }
    return Value.obj(m);
  }

  private static List<String> keys(Value v) {
    return new ArrayList<>(((Value.Obj) v).fields().keySet());
  }

  @Test
  void offACopyIsTheSameValueAndEditsKeepInsertionOrder() {
    Value.Obj r = record("foo_having", "foo_script");
    assertThat(KeyOrder.copied(r)).isSameAs(r);
    assertThat(keys(r.with("new", Value.NULL))).containsExactly("foo_having", "foo_script", "new");
    assertThat(keys(record("a", "b", "c", "d").without("a"))).containsExactly("b", "c", "d");
  }

  @Test
  void onACopyRebuildsEveryRecordInside() {
    TremorJson.enable(true);
    Value.Obj inner = record("id", "name");
    Value v =
        Value.obj(
            "aggregate",
            inner,
            "group",
            Value.array(inner),
            "from_group",
            Value.NULL,
            "event_last",
            Value.NULL,
            "meta",
            Value.NULL,
            "state",
            Value.NULL,
            "window",
            Value.NULL);
    Value.Obj copy = (Value.Obj) KeyOrder.copied(v);
    assertThat(keys(copy))
        .containsExactly(
            "aggregate", "meta", "window", "group", "from_group", "event_last", "state");
    assertThat(keys(copy.get("aggregate"))).containsExactly("name", "id");
    assertThat(keys(((Value.Arr) copy.get("group")).get(0))).containsExactly("name", "id");
    assertThat(copy).isEqualTo(v); // same fields: order is not part of equality
  }

  @Test
  void onAnInsertIntoACopyFollowsTheTable() {
    TremorJson.enable(true);
    Value.Obj copy = (Value.Obj) KeyOrder.copied(record("foo_having", "foo_script"));
    assertThat(keys(copy.with("new", Value.NULL)))
        .containsExactly("foo_script", "new", "foo_having");
    assertThat(keys(copy)).containsExactly("foo_script", "foo_having");
  }

  @Test
  void onARemovalFromAnUncopiedRecordMovesTheLastKeyIntoItsPlace() {
    TremorJson.enable(true);
    // halfbrown's list map removes with swap_remove
    assertThat(keys(record("a", "b", "c", "d").without("a"))).containsExactly("d", "b", "c");
  }

  @Test
  void onThe33rdKeyTurnsAListIntoATable() {
    TremorJson.enable(true);
    String[] names = new String[32];
    for (int i = 0; i < 32; i++) {
      names[i] = "key" + i;
    }
    Value.Obj r = record(names);
    // halfbrown turns a full list into a table on any insert, a replace included
    assertThat(keys(r.with("key0", Value.NULL)))
        .isEqualTo(TremorKeyOrder.Table.rebuilt(List.of(names)).keys());
    assertThat(keys(r.without("key0").with("key0", Value.NULL))).endsWith("key0");
    TremorKeyOrder.Table expected = TremorKeyOrder.Table.rebuilt(List.of(names));
    expected.insert("extra");
    assertThat(keys(r.with("extra", Value.NULL))).isEqualTo(expected.keys());
  }

  @Test
  void onAParsedRecordOfMoreThan32KeysIsATableFromTheStart() throws Exception {
    TremorJson.enable(true);
    StringBuilder json = new StringBuilder("{");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("f" + i);
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    Value v = Json.parse(json.append("}").toString());
    assertThat(keys(v)).isEqualTo(TremorKeyOrder.Table.rebuilt(names).keys());
    assertThat(keys(v)).isNotEqualTo(names);
    TremorJson.enable(false);
    assertThat(keys(Json.parse(json.toString()))).isEqualTo(names);
  }

  @Test
  void aRecordsFieldsStayReadOnly() {
    TremorJson.enable(true);
    Value.Obj copy = (Value.Obj) KeyOrder.copied(record("a"));
    assertThatThrownBy(() -> copy.fields().put("b", Value.NULL))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
