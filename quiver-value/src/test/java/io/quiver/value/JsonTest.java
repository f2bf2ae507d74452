package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  private static String roundTrip(String json) throws JsonException {
    return Json.write(Json.parse(json));
  }

  private static void assertError(byte[] input, String message, int offset) {
    assertThatThrownBy(() -> Json.parse(input))
        .isInstanceOf(JsonException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((JsonException) e).offset()).isEqualTo(offset));
  }

  private static void assertError(String input, String message, int offset) {
    assertError(input.getBytes(StandardCharsets.UTF_8), message, offset);
  }

  @Test
  void parsesScalars() throws JsonException {
    assertThat(Json.parse("null")).isEqualTo(Value.NULL);
    assertThat(Json.parse("true")).isEqualTo(Value.TRUE);
    assertThat(Json.parse("false")).isEqualTo(Value.FALSE);
    assertThat(Json.parse("42")).isEqualTo(Value.of(42));
    assertThat(Json.parse("\"snot\"")).isEqualTo(Value.of("snot"));
    assertThat(Json.parse(" \t\r\n 1 \n")).isEqualTo(Value.of(1));
  }

  @Test
  void parsesNestedStructuresKeepingKeyOrder() throws JsonException {
    Value v = Json.parse("{\"b\":[1,2.5,{\"x\":null}],\"a\":{},\"c\":[]}");
    assertThat(v)
        .isEqualTo(
            Value.obj(
                "b", Value.array(Value.of(1), Value.of(2.5), Value.obj("x", Value.NULL)),
                "a", Value.EMPTY_OBJECT,
                "c", Value.EMPTY_ARRAY));
    assertThat(((Value.Obj) v).fields().keySet()).containsExactly("b", "a", "c");
  }

  @Test
  void duplicateKeysLastValueWinsAtFirstPosition() throws JsonException {
    assertThat(roundTrip("{\"a\":1,\"b\":2,\"a\":3}")).isEqualTo("{\"a\":3,\"b\":2}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"snot\":\"badger\",\"empty\":{}}|{\"snot\":\"badger\",\"empty\":{}}",
        "[ 1 , 2 , [ ] , { } ]|[1,2,[],{}]",
        "\"a/b\"|\"a/b\"",
        "\"\\/\"|\"/\"",
        "\"\\b\\f\\n\\r\\t\\\"\\\\\"|\"\\b\\f\\n\\r\\t\\\"\\\\\"",
        "\"\\u0001\\u001f\\u007f\"|\"\\u0001\\u001f\u007f\"",
        "\"\\u00e9\\u20AC\"|\"é€\"",
        "\"\\ud83d\\ude00\"|\"😀\"",
        "\"é😀\"|\"é😀\"",
        "-0|0",
        "-9223372036854775808|-9223372036854775808",
        "9223372036854775807|9223372036854775807",
        "9223372036854775808|9.223372036854776e18",
        "-9223372036854775809|-9.223372036854776e18",
        "1e3|1000.0",
        "1E3|1000.0",
        "1.5E-3|0.0015",
        "1.0|1.0",
        "-3.0|-3.0",
        "999999999999999.0|999999999999999.0",
        "-1e15|-1000000000000000.0",
        "0.1|0.1",
        "-0.0|-0.0",
        "1e21|1e21",
        "1.5e300|1.5e300",
        "1e16|1e16",
        "1e15|1000000000000000.0",
        "123456789.125|123456789.125",
        "0.00001|0.00001",
        "0.000001|1e-6",
        "0.0001|0.0001",
        "1.5e-7|1.5e-7",
        "12345678901234567890123|1.2345678901234568e22",
        "3.141592653589793|3.141592653589793",
        "1e400|null",
      })
  void roundTrips(String input, String expected) throws JsonException {
    assertThat(roundTrip(input)).isEqualTo(expected);
  }

  @Test
  void numbersGetTheRightType() throws JsonException {
    assertThat(Json.parse("-9223372036854775808")).isEqualTo(Value.of(Long.MIN_VALUE));
    assertThat(Json.parse("9223372036854775808")).isEqualTo(Value.of(9.223372036854775808e18));
    assertThat(Json.parse("1e3")).isEqualTo(Value.of(1000.0));
    assertThat(Json.parse("1.5E-3")).isEqualTo(Value.of(0.0015));
    assertThat(Json.parse("0.1")).isEqualTo(Value.of(0.1));
    assertThat(Json.parse("2.2250738585072014E-308")).isEqualTo(Value.of(Double.MIN_NORMAL));
    assertThat(Json.parse("0.30000000000000004")).isEqualTo(Value.of(0.1 + 0.2));
    assertThat(Json.parse("-0")).isEqualTo(Value.of(0L));
  }

  @Test
  void emptyInputIsEof() {
    // simd-json 0.4 (Tremor 0.11) prints this placeholder character for documents without content
    assertError("", "Eof at character 0 ('\uD83D\uDCA9')", 0);
    assertError(" \n\t ", "Eof at character 0 ('\uD83D\uDCA9')", 0);
  }

  @Test
  void errorKindsWithPositions() {
    assertError("{\"a\":1}}", "TrailingCharacters at character 7 ('}')", 7);
    assertError("1 2", "TrailingCharacters at character 2 ('2')", 2);
    assertError("[1,2", "Eof at character 4", 4);
    assertError("{\"a\":", "Eof at character 5", 5);
    assertError("\"abc", "Eof at character 4", 4);
    assertError("{1:2}", "ExpectedObjectContent at character 1 ('1')", 1);
    assertError("{\"a\",1}", "ExpectedObjectColon at character 4 (',')", 4);
    assertError("{\"a\":1 \"b\":2}", "ExpectedObjectContent at character 7 ('\"')", 7);
    assertError("[1 2]", "ExpectedArrayContent at character 3 ('2')", 3);
    assertError("[1,]", "UnexpectedCharacter at character 3 (']')", 3);
    assertError("{\"a\":1,}", "ExpectedObjectKey at character 7 ('}')", 7);
    assertError("snot", "UnexpectedCharacter at character 0 ('s')", 0);
    assertError("tru", "Eof at character 3", 3);
    assertError("trux", "ExpectedBoolean at character 0 ('t')", 0);
    assertError("nul1", "ExpectedNull at character 0 ('n')", 0);
    assertError("12345x", "TrailingCharacters at character 5 ('x')", 5);
    assertError("-x", "InvalidNumber at character 1 ('x')", 1);
    assertError("-", "Eof at character 1", 1);
    assertError("01", "TrailingCharacters at character 1 ('1')", 1);
    assertError("1.x", "InvalidNumber at character 2 ('x')", 2);
    assertError("1.", "Eof at character 2", 2);
    assertError("1e+", "Eof at character 3", 3);
    assertError("1ex", "InvalidExponent at character 2 ('x')", 2);
    assertError("+1", "UnexpectedCharacter at character 0 ('+')", 0);
    assertError("\"a\\x\"", "InvalidEscape at character 2 ('\\')", 2);
    assertError("\"\\u12g4\"", "InvalidUnicodeEscape at character 1 ('\\')", 1);
    assertError("\"\\ud83d\"", "InvalidUnicodeCodepoint at character 1 ('\\')", 1);
    assertError("\"\\ud83d\\u0041\"", "InvalidUnicodeCodepoint at character 7 ('\\')", 7);
    assertError("\"\\ude00\"", "InvalidUnicodeCodepoint at character 1 ('\\')", 1);
    assertError("\"a\nb\"", "UnexpectedControlCharacter at character 2 ('\\n')", 2);
    assertError("\"\\n\tb\"", "UnexpectedControlCharacter at character 3 ('\\t')", 3);
    assertError("[\"é\"x", "ExpectedArrayContent at character 5 ('x')", 5);
    assertError("xé", "UnexpectedCharacter at character 0 ('x')", 0);
    assertError("é", "UnexpectedCharacter at character 0 ('é')", 0);
  }

  @Test
  void invalidUtf8InStringsIsAnError() {
    assertError(new byte[] {'"', 'a', (byte) 0xFF, '"'}, "InvalidUtf8 at character 2 ('\\xff')", 2);
    assertError(
        new byte[] {'"', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, '"'},
        "InvalidUtf8 at character 3 ('\\xe2')",
        3);
    // in the escape path too
    assertError(
        new byte[] {'"', '\\', 'n', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
        "InvalidUtf8 at character 3 ('\\xed')",
        3);
  }

  @Test
  void offsetsInSlicesAreRelativeToTheSlice() throws JsonException {
    byte[] data = "xx[1,2]yy".getBytes(StandardCharsets.UTF_8);
    assertThat(Json.parse(data, 2, 5)).isEqualTo(Value.array(Value.of(1), Value.of(2)));
    assertThatThrownBy(() -> Json.parse(data, 2, 6))
        .hasMessage("TrailingCharacters at character 5 ('y')");
  }

  @Test
  void unicodeStringsDecode() throws JsonException {
    assertThat(Json.parse("\"é€😀\"")).isEqualTo(Value.of("é€😀"));
    assertThat(Json.parse("\"x\\té€😀\\u00e9\"")).isEqualTo(Value.of("x\té€😀é"));
    assertThat(Json.parse("{\"clé\":\"wert\"}")).isEqualTo(Value.obj("clé", Value.of("wert")));
  }

  @Test
  void longEscapedStringsGrowTheBuffer() throws JsonException {
    String body = "\\n😀é".repeat(5000);
    Value v = Json.parse("\"" + body + "\"");
    assertThat(v).isEqualTo(Value.of("\n😀é".repeat(5000)));
  }

  @Test
  void writerPutsBinaryAsBase64AsTremorsValueWriterDoes() {
    assertThat(Json.write(new Value.Bytes("snot".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("\"c25vdA==\"");
    assertThat(Json.write(Value.obj("k", new Value.Bytes(new byte[] {(byte) 0xFF, 0}))))
        .isEqualTo("{\"k\":\"/wA=\"}");
    assertThat(Json.writeSorted(new Value.Bytes(new byte[0]))).isEqualTo("\"\"");
  }

  @Test
  void writerEscapesOnlyWhatJsonRequires() {
    assertThat(Json.write(Value.of("a\"b\\c/d\u0000\u001f\u007fé😀")))
        .isEqualTo("\"a\\\"b\\\\c/d\\u0000\\u001f\u007fé😀\"");
    assertThat(Json.writeBytes(Value.of("é"))).containsExactly('"', 0xC3, 0xA9, '"');
    // a lone surrogate cannot be UTF-8, so it is escaped
    assertThat(Json.write(Value.of("\ud83d"))).isEqualTo("\"\\ud83d\"");
  }

  @Test
  void writerSpecialValues() {
    assertThat(Json.write(Value.of(Double.NaN))).isEqualTo("null");
    assertThat(Json.write(Value.of(Double.POSITIVE_INFINITY))).isEqualTo("null");
    assertThat(Json.write(Value.of(Double.NEGATIVE_INFINITY))).isEqualTo("null");
    assertThat(Json.write(Value.of(new byte[] {0, 1, 9, 10, 99, 100, (byte) 255})))
        .isEqualTo("\"AAEJCmNk/w==\"");
    assertThat(Json.write(Value.of(new byte[0]))).isEqualTo("\"\"");
    assertThat(Json.write(Value.of(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
    assertThat(Json.write(Value.of(-7))).isEqualTo("-7");
    assertThat(Json.write(Value.obj("a", Value.array(Value.TRUE, Value.FALSE, Value.NULL))))
        .isEqualTo("{\"a\":[true,false,null]}");
  }

  @Test
  void sortedWriterSortsKeysAtEveryLevel() throws JsonException {
    Value v = Json.parse("{\"b\":{\"z\":1,\"y\":2},\"a\":[{\"d\":1,\"c\":2}]}");
    assertThat(Json.writeSorted(v))
        .isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"y\":2,\"z\":1}}");
    assertThat(Json.write(v)).isEqualTo("{\"b\":{\"z\":1,\"y\":2},\"a\":[{\"d\":1,\"c\":2}]}");
  }

  @Test
  void writeToAppends() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('>');
    Json.writeTo(Value.array(Value.of(1)), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(">[1]");
  }

  @Test
  void nestingUpToTheLimitWorks() throws JsonException {
    int depth = JsonReader.MAX_DEPTH;
    String json = "[".repeat(depth) + "]".repeat(depth);
    assertThat(Json.write(Json.parse(json))).isEqualTo(json);
  }

  @Test
  void deepNestingGivesAClearErrorNotAStackOverflow() {
    String json = "[".repeat(10_000) + "]".repeat(10_000);
    assertError(
        json,
        "NestingTooDeep at character 512 ('['): more than 512 nested arrays/objects are not"
            + " supported",
        512);
    String objects = "{\"a\":".repeat(2000);
    assertThatThrownBy(() -> Json.parse(objects))
        .hasMessageStartingWith("NestingTooDeep at character ");
  }

  @Test
  void largeDocumentRoundTrips() throws JsonException {
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      fields.put("k" + i, Value.array(List.of(Value.of(i), Value.of(i + 0.5), Value.of("v" + i))));
    }
    Value v = Value.obj(fields);
    assertThat(Json.parse(Json.writeBytes(v))).isEqualTo(v);
  }

  @Test
  void stringsWithAPlainStartAndEscapesOrNonAsciiAfterItAreWrittenWhole() {
    assertThat(Json.write(Value.of("plain text then \"quote\" and \\ and \n")))
        .isEqualTo("\"plain text then \\\"quote\\\" and \\\\ and \\n\"");
    assertThat(Json.write(Value.of("abc\u00e9\u4e2d\ud83d\ude00x")))
        .isEqualTo("\"abc\u00e9\u4e2d\ud83d\ude00x\"");
    assertThat(Json.write(Value.of("\u0001starts with a control")))
        .isEqualTo("\"\\u0001starts with a control\"");
    assertThat(Json.write(Value.of(""))).isEqualTo("\"\"");
  }

  @Test
  void aThreadsWriterIsReusedAndALargeDocumentLeavesNothingBehindForTheNext() throws Exception {
    Value small = Value.obj("a", Value.of(1), "b", Value.of("x"));
    Value large = Value.obj("big", Value.of("y".repeat(200_000)));
    assertThat(new String(Json.writeBytes(small), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    assertThat(Json.writeBytes(large)).hasSize(200_000 + 10);
    assertThat(new String(Json.writeBytes(small), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Json.writeTo(small, out);
    Json.writeTo(small, out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}{\"a\":1,\"b\":\"x\"}");
    // each thread has its own writer: documents written at once on two threads stay whole
    java.util.concurrent.atomic.AtomicInteger whole =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    if (Json.write(large).length() == 200_010) {
                      whole.incrementAndGet();
                    }
                  }
                });
    for (int i = 0; i < 2_000; i++) {
      assertThat(Json.write(small)).isEqualTo("{\"a\":1,\"b\":\"x\"}");
    }
    other.join();
    assertThat(whole).hasValue(2_000);
  }
}
