package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfluxCodecTest {
  private final InfluxCodec codec = new InfluxCodec();

  private Value decode(String line) throws Exception {
    return codec.decode(line.getBytes(StandardCharsets.UTF_8), 42).orElseThrow();
  }

  private String encode(Value v) throws Exception {
    return new String(codec.encode(v), StandardCharsets.UTF_8);
  }

  private static Value.Obj point(String measurement, Value tags, Value fields, long ts) {
    return Value.obj(
        "measurement",
        Value.of(measurement),
        "tags",
        tags,
        "fields",
        fields,
        "timestamp",
        Value.of(ts));
  }

  @Test
  void decodesAllFieldTypes() throws Exception {
    assertThat(
            decode(
                "weather,location=us-midwest,season=summer temperature=82,humidity=71i,raining=f,"
                    + "sky=\"clear\",pressure=-1.5e+3 1465839830100400200"))
        .isEqualTo(
            point(
                "weather",
                Value.obj("location", Value.of("us-midwest"), "season", Value.of("summer")),
                Value.obj(
                    "temperature",
                    Value.of(82.0),
                    "humidity",
                    Value.of(71),
                    "raining",
                    Value.FALSE,
                    "sky",
                    Value.of("clear"),
                    "pressure",
                    Value.of(-1500.0)),
                1465839830100400200L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"t", "T", "true", "True", "TRUE", "f", "F", "false", "False", "FALSE"})
  void booleanSpellings(String b) throws Exception {
    Value fields = ((Value.Obj) decode("m x=" + b + " 1")).get("fields");
    assertThat(fields).isEqualTo(Value.obj("x", Value.of(b.toLowerCase().startsWith("t"))));
  }

  /**
   * tremor-influx reads float fields with the lexical crate, which takes {@code inf}, {@code
   * infinity} and {@code nan} in any case (unlike Rust's own {@code str::parse}, see statsd).
   */
  @Test
  void floatFieldsTakeInfinityAndNaNInAnyCase() throws Exception {
    Value.Obj fields =
        (Value.Obj) ((Value.Obj) decode("m a=Infinity,b=-INF,c=nan,d=NaN 1")).get("fields");
    assertThat(fields.get("a")).isEqualTo(Value.of(Double.POSITIVE_INFINITY));
    assertThat(fields.get("b")).isEqualTo(Value.of(Double.NEGATIVE_INFINITY));
    assertThat(((Value.Float) fields.get("c")).value()).isNaN();
    assertThat(((Value.Float) fields.get("d")).value()).isNaN();
  }

  @Test
  void decodesInfluxDbsDocumentedEscapes() throws Exception {
    assertThat(
            decode(
                "my\\ Measurement,tag\\ Key1=tag\\ Value1,tag\\,2=a\\=b fieldKey=\"string \\\"value\\\" \\\\ here\" 1"))
        .isEqualTo(
            point(
                "my Measurement",
                Value.obj("tag Key1", Value.of("tag Value1"), "tag,2", Value.of("a=b")),
                Value.obj("fieldKey", Value.of("string \"value\" \\ here")),
                1));
    assertThat(decode("m,tag=🍭 f\\=k=\"Launch 🚀\" 1"))
        .isEqualTo(
            point(
                "m", Value.obj("tag", Value.of("🍭")), Value.obj("f=k", Value.of("Launch 🚀")), 1));
    // Tremor's encoder also escapes double quotes in names
    assertThat(decode("m\\\"x,t\\\"k=v\\\" f\\\"=1i 1"))
        .isEqualTo(
            point("m\"x", Value.obj("t\"k", Value.of("v\"")), Value.obj("f\"", Value.of(1)), 1));
    // a backslash before an ordinary character stays, in names as in InfluxDB
    assertThat(decode("a\\b c\\d=1i 1"))
        .isEqualTo(point("a\\b", Value.EMPTY_OBJECT, Value.obj("c\\d", Value.of(1)), 1));
  }

  @Test
  void withoutATimestampTheIngestTimeIsUsed() throws Exception {
    assertThat(decode("m v=1i"))
        .isEqualTo(point("m", Value.EMPTY_OBJECT, Value.obj("v", Value.of(1)), 42));
    assertThat(decode("  m v=1i  \n"))
        .isEqualTo(point("m", Value.EMPTY_OBJECT, Value.obj("v", Value.of(1)), 42));
  }

  @Test
  void emptyLinesAndCommentsAreNoEvent() throws Exception {
    assertThat(codec.decode(new byte[0], 0)).isEmpty();
    assertThat(codec.decode(" \t".getBytes(StandardCharsets.UTF_8), 0)).isEmpty();
    assertThat(codec.decode("# m v=1".getBytes(StandardCharsets.UTF_8), 0)).isEmpty();
  }

  @Test
  void decodeErrors() {
    assertThatThrownBy(() -> decode("weather"))
        .hasMessage("Invalid Influx Line Protocol data: Unexpected(0)\nweather");
    assertThatThrownBy(() -> decode("weather,location=us temp"))
        .hasMessage("Invalid Influx Line Protocol data: Unexpected(20)\nweather,location=us temp");
    assertThatThrownBy(() -> decode("weather,loc temp=1"))
        .hasMessage("Invalid Influx Line Protocol data: MissingTagValue(11)\nweather,loc temp=1");
    assertThatThrownBy(() -> decode("weather temp="))
        .hasMessage("Invalid Influx Line Protocol data: UnexpectedEnd(13)\nweather temp=");
    assertThatThrownBy(() -> decode("weather temp=abc"))
        .hasMessage(
            "Invalid Influx Line Protocol data: ParseFloatError(13, invalid float literal)\nweather temp=abc");
    assertThatThrownBy(() -> decode("weather temp=1.5i"))
        .hasMessage(
            "Invalid Influx Line Protocol data: ParseIntError(13, invalid digit found in string)\nweather temp=1.5i");
    assertThatThrownBy(() -> decode("weather temp=1 abc"))
        .hasMessage(
            "Invalid Influx Line Protocol data: ParseIntError(15, invalid digit found in string)\nweather temp=1 abc");
    assertThatThrownBy(() -> decode("weather temp=\"x\"y 1"))
        .hasMessage(
            "Invalid Influx Line Protocol data: TrailingCharacter(16)\nweather temp=\"x\"y 1");
    assertThatThrownBy(() -> codec.decode(new byte[] {'m', ' ', (byte) 0xc3}, 0))
        .hasMessage("incomplete utf-8 byte sequence from index 2");
  }

  @Test
  void encodesInfluxDbsDocumentedForm() throws Exception {
    Value v =
        point(
            "my Measurement,x=1",
            Value.obj(
                "z", Value.of("last"), "tag Key", Value.of("tag,Value=1"), "skipped", Value.of(1)),
            Value.obj(
                "s",
                Value.of("say \"hi\" \\o/"),
                "i",
                Value.of(-5),
                "f",
                Value.of(1.0),
                "b",
                Value.TRUE,
                "big",
                Value.of(1e21),
                "k=ey",
                Value.of(0.1)),
            1465839830100400200L);
    assertThat(encode(v))
        .isEqualTo(
            "my\\ Measurement\\,x=1,tag\\ Key=tag\\,Value\\=1,z=last"
                + " b=true,big=1e21,f=1.0,i=-5i,k\\=ey=0.1,s=\"say \\\"hi\\\" \\\\o/\" 1465839830100400200");
    assertThat(decode(encode(v)))
        .isEqualTo(
            point(
                "my Measurement,x=1",
                Value.obj("tag Key", Value.of("tag,Value=1"), "z", Value.of("last")),
                Value.obj(
                    "b",
                    Value.TRUE,
                    "big",
                    Value.of(1e21),
                    "f",
                    Value.of(1.0),
                    "i",
                    Value.of(-5),
                    "k=ey",
                    Value.of(0.1),
                    "s",
                    Value.of("say \"hi\" \\o/")),
                1465839830100400200L));
  }

  @Test
  void encodeErrorsAsTremor() {
    assertThatThrownBy(() -> encode(Value.obj())).hasMessage("MissingField(\"measurement\")");
    assertThatThrownBy(() -> encode(Value.obj("measurement", Value.of("m"))))
        .hasMessage("MissingField(\"tags\")");
    assertThatThrownBy(() -> encode(Value.obj("measurement", Value.of("m"), "tags", Value.of(1))))
        .hasMessage("InvalidField(\"tags\")");
    assertThatThrownBy(() -> encode(Value.obj("measurement", Value.of("m"), "tags", Value.obj())))
        .hasMessage("InvalidField(\"fields\")");
    assertThatThrownBy(
            () ->
                encode(
                    Value.obj(
                        "measurement",
                        Value.of("m"),
                        "tags",
                        Value.obj(),
                        "fields",
                        Value.obj("x", Value.array()))))
        .hasMessage("InvalidValue(\"x\", Array)");
    assertThatThrownBy(
            () ->
                encode(
                    Value.obj(
                        "measurement",
                        Value.of("m"),
                        "tags",
                        Value.obj(),
                        "fields",
                        Value.obj("x", Value.of(1)))))
        .hasMessage("MissingField(\"timestamp\")");
    assertThatThrownBy(
            () -> encode(point("m", Value.obj(), Value.obj(), 0).with("timestamp", Value.of(-1))))
        .hasMessage("InvalidTimestamp(I64)");
    assertThatThrownBy(
            () -> encode(point("m", Value.obj(), Value.obj(), 0).with("timestamp", Value.of("1"))))
        .hasMessage("InvalidTimestamp(String)");
  }

  @Test
  void roundTripsRandomPoints() throws Exception {
    RandomValues random = new RandomValues(3, false);
    String[] names = {"m", "a b", "c,d", "e=f", "g\\h", "é", "x\"y"};
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 500; i++) {
      java.util.LinkedHashMap<String, Value> tags = new java.util.LinkedHashMap<>();
      java.util.LinkedHashMap<String, Value> fields = new java.util.LinkedHashMap<>();
      for (int t = r.nextInt(3); t > 0; t--) {
        tags.put(names[r.nextInt(names.length)] + t, Value.of(names[r.nextInt(names.length)]));
      }
      for (int f = 1 + r.nextInt(4); f > 0; f--) {
        Value v = random.next(0);
        if (v instanceof Value.Null || v instanceof Value.Obj || v instanceof Value.Arr) {
          v = Value.of(f);
        }
        fields.put(names[r.nextInt(names.length)] + f, v);
      }
      Value p =
          point(
              names[r.nextInt(names.length)],
              Value.obj(tags),
              Value.obj(fields),
              r.nextLong() >>> 1);
      Value back = decode(encode(p));
      assertThat(Json.writeSorted(back)).as(encode(p)).isEqualTo(Json.writeSorted(p));
    }
  }
}
