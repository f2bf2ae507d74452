package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader's and writer's fast paths: word-wise string scans, caches, scratch stacks. */
class JsonFastPathTest {

  private static Value parse(String json) throws JsonException {
    return Json.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(byte[] input, String message, int offset) {
    assertThatThrownBy(() -> Json.parse(input))
        .isInstanceOf(JsonException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((JsonException) e).offset()).isEqualTo(offset));
  }

  @Test
  void everyEscapeAtEveryPositionAroundTheEightByteWords() throws JsonException {
    String[][] escapes = {
      {"\\\"", "\""},
      {"\\\\", "\\"},
      {"\\/", "/"},
      {"\\b", "\b"},
      {"\\f", "\f"},
      {"\\n", "\n"},
      {"\\r", "\r"},
      {"\\t", "\t"},
      {"\\u0000", "\u0000"},
      {"\\u00e9", "é"},
      {"\\u20AC", "€"},
      {"\\ud83d\\ude00", "😀"},
      {"é", "é"},
      {"€", "€"},
      {"😀", "😀"}
    };
    for (String[] e : escapes) {
      for (int before = 0; before < 18; before++) {
        for (int after = 0; after < 10; after++) {
          String json = "\"" + "a".repeat(before) + e[0] + "b".repeat(after) + "\"";
          String expected = "a".repeat(before) + e[1] + "b".repeat(after);
          assertThat(parse(json)).as(json).isEqualTo(Value.of(expected));
          assertThat(Json.parse(Json.write(Value.of(expected)))).isEqualTo(Value.of(expected));
        }
      }
    }
  }

  @Test
  void randomStringsSurviveWriteAndRead() throws JsonException {
    Random random = new Random(17);
    String[] alphabet = {
      "a", "b", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "€", "😀", "?",
      "xyz"
    };
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      String written = Json.write(Value.of(s));
      assertThat(Json.parse(written)).as(written).isEqualTo(Value.of(s));
      assertThat(Json.parse(Json.write(Value.obj(s, Value.of(i)))))
          .isEqualTo(Value.obj(s, Value.of(i)));
    }
  }

  @Test
  void stringErrorsKeepTheirOrderAndPlace() {
    byte[] bad = {'"', 'a', (byte) 0xFF, 'b', 0x01, '"'};
    // without an escape, a control character is reported before invalid UTF-8
    assertError(bad, "UnexpectedControlCharacter at character 4 ('\\u{1}')", 4);
    assertError(
        new byte[] {'"', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xC3, '"'},
        "InvalidUtf8 at character 9 ('\\xc3')",
        9);
    // with an escape after them, whichever comes first
    assertError(
        new byte[] {'"', (byte) 0xFF, 0x01, '\\', 'n', '"'},
        "UnexpectedControlCharacter at character 2 ('\\u{1}')",
        2);
    assertError(
        new byte[] {'"', 'a', '\\', 'n', (byte) 0xFF, 0x01, '"'},
        "InvalidUtf8 at character 4 ('\\xff')",
        4);
    assertError("\"abcdefgh\\".getBytes(StandardCharsets.UTF_8), "Eof at character 10", 10);
    assertError("\"abcdefgh\\u12".getBytes(StandardCharsets.UTF_8), "Eof at character 13", 13);
    assertError("\"abcdefghij".getBytes(StandardCharsets.UTF_8), "Eof at character 11", 11);
    assertError(
        "\"ab\\ud83dx\"".getBytes(StandardCharsets.UTF_8),
        "InvalidUnicodeCodepoint at character 3 ('\\')",
        3);
    assertError(
        "\"ab\\ud83d\\u0041\"".getBytes(StandardCharsets.UTF_8),
        "InvalidUnicodeCodepoint at character 9 ('\\')",
        9);
    assertError(
        "\"\\ude00\"".getBytes(StandardCharsets.UTF_8),
        "InvalidUnicodeCodepoint at character 1 ('\\')",
        1);
    assertError(
        "{\"abcdefghi\u0001\":1}".getBytes(StandardCharsets.UTF_8),
        "UnexpectedControlCharacter at character 11 ('\\u{1}')",
        11);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "-128, -128",
    "-129, -129",
    "1023, 1023",
    "1024, 1024",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808"
  })
  void integersSmallAndLarge(String json, long expected) throws JsonException {
    assertThat(parse(json)).isEqualTo(Value.of(expected));
    assertThat(parse("[" + json + "," + json + "]"))
        .isEqualTo(Value.array(Value.of(expected), Value.of(expected)));
  }

  @ParameterizedTest
  @CsvSource({
    "9223372036854775808, 9.223372036854776E18",
    "-9223372036854775809, -9.223372036854776E18",
    "-0.0, -0.0",
    "1e2, 100.0",
    "1E-2, 0.01",
    "-1.5e+3, -1500.0",
    "123456789012345678901234567890, 1.2345678901234568E29"
  })
  void numbersThatAreFloats(String json, double expected) throws JsonException {
    assertThat(parse(json)).isEqualTo(Value.of(expected));
  }

  @Test
  void keysComeFromTheCacheAndRepeatsKeepTheLastValue() throws JsonException {
    Value.Obj a = (Value.Obj) parse("{\"application\":1}");
    Value.Obj b = (Value.Obj) parse("{\"x\":0,\"application\":2}");
    assertThat(((ArrayFields) a.fields()).keyAt(0)).isSameAs(((ArrayFields) b.fields()).keyAt(1));
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      wide.append("\"k").append(i).append("\":").append(i).append(',');
    }
    wide.append("\"k3\":\"again\",\"\\u006b5\":\"escaped\"}");
    Value.Obj record = (Value.Obj) parse(wide.toString());
    assertThat(record.size()).isEqualTo(20);
    assertThat(record.get("k3")).isEqualTo(Value.of("again"));
    assertThat(record.get("k5")).isEqualTo(Value.of("escaped"));
    assertThat(Json.write(record)).startsWith("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":\"again\",");
  }

  @Test
  void aFailedDocumentLeavesNothingBehindForTheNext() throws JsonException {
    StringBuilder broken = new StringBuilder("[{");
    for (int i = 0; i < 30; i++) {
      broken.append("\"k").append(i).append("\":[").append(i).append("],");
    }
    broken.append("\"k0\":");
    assertThatThrownBy(() -> parse(broken.toString())).isInstanceOf(JsonException.class);
    StringBuilder good = new StringBuilder("{");
    for (int i = 0; i < 30; i++) {
      good.append("\"k").append(i).append("\":").append(i).append(',');
    }
    good.append("\"k0\":true}");
    Value.Obj record = (Value.Obj) parse(good.toString());
    assertThat(record.size()).isEqualTo(30);
    assertThat(record.get("k0")).isEqualTo(Value.TRUE);
    assertThat(record.get("k29")).isEqualTo(Value.of(29));
  }

  @Test
  void aWideDocumentThenSmallOnes() throws JsonException {
    StringBuilder wide = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      wide.append(i % 7 == 0 ? "{\"a\":[1,2]}" : "\"s\"").append(',');
    }
    wide.append("null]");
    Value.Arr array = (Value.Arr) parse(wide.toString());
    assertThat(array.size()).isEqualTo(10_001);
    assertThat(array.get(7)).isEqualTo(Value.obj("a", Value.array(Value.of(1), Value.of(2))));
    assertThat(parse("{\"a\":[]}")).isEqualTo(Value.obj("a", Value.EMPTY_ARRAY));
    assertThatThrownBy(() -> array.items().set(0, Value.NULL))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nestingUpToTheLimitAndNoFurther() throws JsonException {
    int depth = Json.MAX_DEPTH;
    String ok = "[{\"a\":".repeat(depth / 2) + "1" + "}]".repeat(depth / 2);
    assertThat(Json.write(parse(ok))).isEqualTo(ok);
    String deeper = "[" + ok + "]";
    assertThatThrownBy(() -> parse(deeper))
        .isInstanceOf(JsonException.class)
        .hasMessageStartingWith("NestingTooDeep at character ");
    assertThat(parse("[[1]]")).isEqualTo(Value.array(Value.array(Value.of(1))));
  }

  @Test
  void readersOfTwoThreadsDoNotShare() throws Exception {
    Thread[] threads = new Thread[2];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 5_000; i++) {
                    String json = "{\"t\":" + id + ",\"i\":" + i + ",\"k" + (i % 50) + "\":\"v\"}";
                    assertThat(Json.write(parse(json))).isEqualTo(json);
                  }
                } catch (Throwable e) {
                  failure[0] = e;
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failure[0]).isNull();
  }

  @Test
  void stringValuesAreReadAsTheirBytesAndWrittenBackUnchanged() throws JsonException {
    String[] texts = {
      "",
      "info",
      "x".repeat(24),
      "x".repeat(100),
      "quote \" backslash \\ slash / tab \t nul \u0000 del \u007f",
      "é € 😀 and a longer ASCII tail after them",
      "\"",
      "\u001f"
    };
    for (String text : texts) {
      byte[] json = Json.writeBytes(Value.of(text));
      Value read = Json.parse(json);
      assertThat(read).as(text).isEqualTo(Value.of(text));
      if (!text.isEmpty()) {
        assertThat(((Value.Str) read).utf8OrNull())
            .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(Json.writeBytes(read)).isEqualTo(json);
      assertThat(((Value.Str) read).value()).isEqualTo(text);
    }
  }

  @Test
  void utf8StringsAreWrittenAsTheirTextIsAtEveryPositionAroundTheEightByteWords() {
    String[] specials = {"\"", "\\", "\n", "\u0001", "\u001f", "\u007f", "é", "€", "😀", "/"};
    for (String special : specials) {
      for (int before = 0; before < 18; before++) {
        for (int after = 0; after < 10; after++) {
          String text = "a".repeat(before) + special + special + "b".repeat(after);
          Value.Str kept = Value.Str.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
          assertThat(Json.write(kept)).as(text).isEqualTo(Json.write(Value.of(text)));
        }
      }
    }
  }

  @Test
  void recordKeysWrittenAgainFromTheKeyCacheAreTheSame() {
    String longKey = "k".repeat(40);
    String escaped = "a\"b\\c\nd";
    java.util.Map<String, Value> fields = new java.util.LinkedHashMap<>();
    fields.put("level", Value.of(1));
    fields.put(longKey, Value.of(2));
    fields.put(escaped, Value.of(3));
    fields.put("é", Value.of(4));
    Value record = new Value.Obj(fields);
    String expected = "{\"level\":1,\"" + longKey + "\":2,\"a\\\"b\\\\c\\nd\":3,\"é\":4}";
    for (int i = 0; i < 3; i++) {
      assertThat(Json.write(record)).isEqualTo(expected);
    }
    // an equal key in another string, and another key in the same slot, are written right too
    java.util.Map<String, Value> other = new java.util.LinkedHashMap<>();
    other.put(new String("level".toCharArray()), Value.of(5));
    for (int i = 0; i < 300; i++) {
      other.put("key" + i, Value.of(i));
    }
    String text = Json.write(new Value.Obj(other));
    assertThat(text).startsWith("{\"level\":5,\"key0\":0,").endsWith(",\"key299\":299}");
    assertThat(Json.write(new Value.Obj(other))).isEqualTo(text);
    assertThat(Json.write(record)).isEqualTo(expected);
  }
}
