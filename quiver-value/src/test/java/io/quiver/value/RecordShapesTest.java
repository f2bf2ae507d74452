package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader that has learnt record shapes reads every document exactly as a fresh reader does: the
 * same values, the same key order, the same errors at the same offsets, whatever the next record
 * does to the shape (fewer or more keys, another key, a longer or shorter key, an escaped key,
 * repeated keys, truncation).
 */
class RecordShapesTest {

  private static final String LAYOUT =
      "{\"about\":\"x\",\"guid\":\"g\",\"aint\":33,\"tags\":[\"a\",\"b\"],"
          + "\"nested\":{\"k\":1,\"l\":[{\"m\":true}]},\"type\":\"syslog\"}";

  private static final List<String> VARIANTS =
      List.of(
          LAYOUT,
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\":-1,\"tags\":[],"
              + "\"nested\":{\"k\":2,\"l\":[{\"m\":false}]},\"type\":\"applog\"}",
          // fewer keys, more keys, another key in the middle
          "{\"about\":\"y\",\"guid\":\"h\"}",
          "{\"about\":\"y\"}",
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\":1,\"tags\":[],\"nested\":{},\"type\":\"t\","
              + "\"extra\":0}",
          "{\"about\":\"y\",\"guide\":\"h\",\"aint\":1}",
          "{\"about\":\"y\",\"gui\":\"h\",\"aint\":1}",
          "{\"about\":\"y\",\"GUID\":\"h\",\"aint\":1}",
          // the expected key escaped, or with non-ASCII, or repeated
          "{\"about\":\"y\",\"gu\\u0069d\":\"h\",\"aint\":1}",
          "{\"about\":\"y\",\"gu\\\"id\":\"h\",\"aint\":1}",
          "{\"about\":\"y\",\"guïd\":\"h\",\"aint\":1}",
          "{\"about\":\"y\",\"guid\":\"h\",\"guid\":\"i\"}",
          "{\"about\":\"y\",\"about\":\"z\"}",
          "{\"about\":1,\"guid\":2,\"aint\":3,\"tags\":4,\"nested\":5,\"type\":6,\"about\":7}",
          // whitespace around the keys, and keys in another order
          "{ \"about\" : \"y\" , \"guid\" :\"h\",\n\"aint\"\t:1 }",
          "{\"guid\":\"h\",\"about\":\"y\"}",
          // errors in and around expected keys
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\"",
          "{\"about\":\"y\",\"guid\":\"h\",\"aint",
          "{\"about\":\"y\",\"guid\":\"h\",\"ain",
          "{\"about\":\"y\",\"guid\":\"h\",",
          "{\"about\":\"y\",\"guid\":\"h\",aint:1}",
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\" 1}",
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\":1,}",
          "{\"about\":\"y\",\"guid\":\"h\",\"aint\":1",
          "{\"about\":\"y\",\"guid\":\"h\",\"ai\u0001nt\":1}",
          "{\"about\":\"y\",\"guid\":\"h\",\"ai\\",
          "{\"about\"}",
          "{\"about\":}",
          "{}",
          "{\"k\":1}",
          "{\"k\":1,\"l\":2}");

  @Test
  void aReaderWithShapesReadsLikeAFreshReader() {
    JsonReader learnt = new JsonReader();
    for (int round = 0; round < 6; round++) {
      for (String doc : VARIANTS) {
        for (int i = 0; i < 3; i++) {
          assertSameReading(learnt, LAYOUT); // the shape is learnt (and kept: misses reset)
        }
        assertSameReading(learnt, doc);
        assertSameReading(learnt, doc); // and what a variant left behind does not change this
      }
    }
  }

  @Test
  void layoutsThatShareAFirstKeyTakeTurns() {
    JsonReader learnt = new JsonReader();
    String a = "{\"id\":1,\"x\":2,\"y\":3}";
    String b = "{\"id\":1,\"name\":\"n\"}";
    String c = "{\"id\":1,\"x\":2,\"y\":3,\"z\":4}";
    for (int i = 0; i < 40; i++) {
      String doc =
          switch (i % 7) {
            case 0, 1, 2 -> a;
            case 3, 4 -> b;
            default -> c;
          };
      assertSameReading(learnt, doc);
    }
  }

  @Test
  void recordsOfOneShapeShareTheirKeysAndKeepTheirValues() throws JsonException {
    JsonReader reader = new JsonReader();
    byte[] one = "{\"a\":1,\"b\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] two = "{\"a\":2,\"b\":\"y\"}".getBytes(StandardCharsets.UTF_8);
    Value first = reader.read(one, 0, one.length);
    Value second = reader.read(two, 0, two.length);
    Value third = reader.read(one, 0, one.length);
    assertThat(first).isEqualTo(Value.obj("a", Value.of(1), "b", Value.of("x")));
    assertThat(second).isEqualTo(Value.obj("a", Value.of(2), "b", Value.of("y")));
    assertThat(third).isEqualTo(first);
    assertThat(Json.write(second)).isEqualTo("{\"a\":2,\"b\":\"y\"}");
  }

  @Test
  void manyLayoutsAndLongOrManyKeysAreReadRight() {
    JsonReader learnt = new JsonReader();
    List<String> docs = new ArrayList<>();
    for (int layout = 0; layout < 300; layout++) {
      StringBuilder sb = new StringBuilder("{");
      int keys = 1 + layout % 70;
      for (int k = 0; k < keys; k++) {
        String key = k == 1 && layout % 5 == 0 ? "k".repeat(60) : "k" + (layout * 7 + k) % 97;
        sb.append(k == 0 ? "" : ",").append('"').append(key).append("\":").append(k);
      }
      docs.add(sb.append('}').toString());
    }
    for (int round = 0; round < 3; round++) {
      for (String doc : docs) {
        assertSameReading(learnt, doc);
      }
    }
  }

  /** {@code doc} read by {@code learnt} and by a fresh reader: equal values or equal errors. */
  private static void assertSameReading(JsonReader learnt, String doc) {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    Object expected = read(new JsonReader(), bytes);
    Object actual = read(learnt, bytes);
    assertThat(actual).as(doc).isEqualTo(expected);
  }

  /** The value with its key order spelled out, or the error's text and offset. */
  private static Object read(JsonReader reader, byte[] bytes) {
    try {
      Value value = reader.read(bytes, 0, bytes.length);
      return List.of(value, keyOrder(value));
    } catch (JsonException e) {
      return e.getMessage() + " @" + e.offset();
    }
  }

  private static String keyOrder(Value value) {
    StringBuilder sb = new StringBuilder();
    if (value instanceof Value.Obj o) {
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        sb.append(e.getKey()).append('(').append(keyOrder(e.getValue())).append(')');
      }
    } else if (value instanceof Value.Arr a) {
      for (Value v : a.items()) {
        sb.append('[').append(keyOrder(v)).append(']');
      }
    }
    return sb.toString();
  }
}
