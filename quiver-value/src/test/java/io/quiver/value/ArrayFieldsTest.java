package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayFieldsTest {

  private static ArrayFields build(List<String> keys, int[] scratch) {
    String[] k = new String[keys.size() + 2];
    Value[] v = new Value[keys.size() + 2];
    for (int i = 0; i < keys.size(); i++) {
      k[i + 1] = keys.get(i);
      v[i + 1] = Value.of(i);
    }
    return ArrayFields.of(k, v, 1, keys.size(), scratch);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8, 9, 13, 33, 200})
  void keepsOrderAndFindsEveryKeyLikeALinkedHashMap(int n) {
    List<String> keys = new ArrayList<>();
    LinkedHashMap<String, Value> expected = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      keys.add("k" + i);
      expected.put("k" + i, Value.of(i));
    }
    int[] scratch = new int[ArrayFields.tableLength(n)];
    ArrayFields fields = build(keys, scratch);
    assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(fields.keySet()).containsExactlyElementsOf(expected.keySet());
    for (int i = 0; i < n; i++) {
      assertThat(fields.get("k" + i)).isEqualTo(Value.of(i));
      assertThat(fields.keyAt(i)).isEqualTo("k" + i);
      assertThat(fields.valueAt(i)).isEqualTo(Value.of(i));
    }
    assertThat(fields.get("missing")).isNull();
    assertThat(fields.containsKey("k0")).isEqualTo(n > 0);
    assertThat(fields.get(42)).isNull();
    assertThat(scratch).containsOnly(0);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 8, 9, 40})
  void aRepeatedKeyKeepsItsFirstPlaceAndLastValue(int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add("k" + i);
    }
    keys.add(new String("k1")); // equal, not the same instance
    keys.add("k0");
    ArrayFields fields = build(keys, new int[ArrayFields.tableLength(keys.size())]);
    assertThat(fields.size()).isEqualTo(n);
    assertThat(fields.keyAt(0)).isEqualTo("k0");
    assertThat(fields.get("k0")).isEqualTo(Value.of(n + 1));
    assertThat(fields.get("k1")).isEqualTo(Value.of(n));
  }

  @Test
  void keysWithCollidingHashesStayApart() {
    // "Aa" and "BB" have the same String hash code
    ArrayFields fields =
        build(List.of("Aa", "BB", "c", "d", "e", "f", "g", "h", "i", "AaBB", "BBAa"), new int[64]);
    assertThat(fields.size()).isEqualTo(11);
    assertThat(fields.get("Aa")).isEqualTo(Value.of(0));
    assertThat(fields.get("BB")).isEqualTo(Value.of(1));
    assertThat(fields.get("AaBB")).isEqualTo(Value.of(9));
    assertThat(fields.get("BBAa")).isEqualTo(Value.of(10));
    assertThat(fields.get("AaAa")).isNull();
  }

  @Test
  void isReadOnlyAndIteratesItsEntries() {
    ArrayFields fields = build(List.of("a", "b"), new int[8]);
    assertThatThrownBy(() -> fields.put("c", Value.NULL))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue(Value.NULL))
        .isInstanceOf(UnsupportedOperationException.class);
    List<String> seen = new ArrayList<>();
    fields.forEach((k, v) -> seen.add(k + "=" + v));
    assertThat(seen).containsExactly("a=Int[value=0]", "b=Int[value=1]");
    assertThat(fields.entrySet()).extracting(Map.Entry::getKey).containsExactly("a", "b");
  }

  @Test
  void aRecordKeepsItAsItIsAndEditsACopy() throws JsonException {
    Value.Obj record = (Value.Obj) Json.parse("{\"a\":1,\"b\":2}");
    assertThat(record.fields()).isInstanceOf(ArrayFields.class);
    Value.Obj edited = record.with("c", Value.of(3)).without("a");
    assertThat(Json.write(edited)).isEqualTo("{\"b\":2,\"c\":3}");
    assertThat(Json.write(record)).isEqualTo("{\"a\":1,\"b\":2}");
  }

  @Test
  void aRecordOverOwnedArraysIsTheRecordOfItsFieldsInOrder() {
    Value.Obj r =
        Value.record(
            new String[] {"method", "headers", "url"},
            new Value[] {Value.of("GET"), Value.EMPTY_OBJECT, Value.of("/")});
    LinkedHashMap<String, Value> expected = new LinkedHashMap<>();
    expected.put("method", Value.of("GET"));
    expected.put("headers", Value.EMPTY_OBJECT);
    expected.put("url", Value.of("/"));
    assertThat(r).isEqualTo(Value.obj(expected));
    assertThat(r.fields().keySet()).containsExactly("method", "headers", "url");
    assertThat(r.get("url")).isEqualTo(Value.of("/"));
    assertThat(r.get("query")).isNull();
    assertThat(r.without("headers").fields().keySet()).containsExactly("method", "url");
    assertThatThrownBy(() -> r.fields().put("x", Value.NULL))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ownedArraysMustPair() {
    assertThatThrownBy(() -> ArrayFields.owned(new String[] {"a"}, new Value[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEditableCopyKeepsTheOrderAndLeavesTheRecordAlone() {
    ArrayFields fields =
        ArrayFields.owned(
            new String[] {"b", "a", "c"}, new Value[] {Value.of(1), Value.of(2), Value.of(3)});

    LinkedHashMap<String, Value> copy = fields.linkedCopy();
    assertThat(copy.keySet()).containsExactly("b", "a", "c");
    assertThat(copy).isEqualTo(fields);
    copy.remove("a");
    copy.put("d", Value.of(4));
    assertThat(copy.keySet()).containsExactly("b", "c", "d");
    assertThat(fields.keySet()).containsExactly("b", "a", "c");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 9, 20})
  void withAndWithoutAllEditLikeAMapCopyAndKeepTheArrays(int n) {
    String[] keys = new String[n];
    Value[] values = new Value[n];
    LinkedHashMap<String, Value> expected = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = "k" + i;
      values[i] = Value.of(i);
      expected.put(keys[i], values[i]);
    }
    Value.Obj record = Value.record(keys, values);

    Value.Obj replaced = record.with("k0", Value.of("x"));
    LinkedHashMap<String, Value> replacedMap = new LinkedHashMap<>(expected);
    replacedMap.put("k0", Value.of("x"));
    assertThat(replaced.fields()).isInstanceOf(ArrayFields.class).isEqualTo(replacedMap);
    assertThat(replaced.fields().keySet()).containsExactlyElementsOf(replacedMap.keySet());

    Value.Obj appended = record.with("new", Value.NULL);
    LinkedHashMap<String, Value> appendedMap = new LinkedHashMap<>(expected);
    appendedMap.put("new", Value.NULL);
    assertThat(appended.fields()).isInstanceOf(ArrayFields.class).isEqualTo(appendedMap);
    assertThat(appended.fields().keySet()).containsExactlyElementsOf(appendedMap.keySet());
    assertThat(appended.get("new")).isEqualTo(Value.NULL);

    Value.Obj erased = record.withoutAll(new String[] {"k0", "missing", null});
    LinkedHashMap<String, Value> erasedMap = new LinkedHashMap<>(expected);
    erasedMap.remove("k0");
    assertThat(erased.fields()).isInstanceOf(ArrayFields.class).isEqualTo(erasedMap);
    assertThat(erased.fields().keySet()).containsExactlyElementsOf(erasedMap.keySet());
    assertThat(erased.get("k0")).isNull();
    assertThat(record.withoutAll(new String[] {"missing"})).isSameAs(record);
    assertThat(record.fields()).isEqualTo(expected); // the original is untouched
  }
}
