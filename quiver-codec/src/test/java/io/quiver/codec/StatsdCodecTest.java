package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsdCodecTest {
  private final StatsdCodec codec = new StatsdCodec();

  private Value decode(String s) throws Exception {
    return codec.decode(s.getBytes(StandardCharsets.UTF_8), 0).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "page.views:1|c => {\"metric\":\"page.views\",\"type\":\"c\",\"value\":1}",
        "fuel.level:0.5|g => {\"metric\":\"fuel.level\",\"type\":\"g\",\"value\":0.5}",
        "gauge:+4|g => {\"metric\":\"gauge\",\"action\":\"add\",\"type\":\"g\",\"value\":4}",
        "gauge:-4|g => {\"metric\":\"gauge\",\"action\":\"sub\",\"type\":\"g\",\"value\":4}",
        "song.length:240|h|@0.5 => {\"metric\":\"song.length\",\"type\":\"h\",\"sample_rate\":0.5,\"value\":240}",
        "users.uniques:1765|s => {\"metric\":\"users.uniques\",\"type\":\"s\",\"value\":1765}",
        "glork:320|ms|@0.1 => {\"metric\":\"glork\",\"type\":\"ms\",\"sample_rate\":0.1,\"value\":320}",
        "neg:-3|c => {\"metric\":\"neg\",\"type\":\"c\",\"value\":-3}",
      })
  void decodesAndEncodesBack(String line, String json) throws Exception {
    Value v = decode(line.strip());
    assertThat(Json.write(v)).isEqualTo(json.strip());
    assertThat(new String(codec.encode(v), StandardCharsets.UTF_8)).isEqualTo(line.strip());
  }

  /**
   * Tremor reads the sample rate with Rust 1.52's {@code str::parse::<f64>}, which knows exactly
   * {@code inf} and {@code NaN}; Quiver's statsd codec used to take any case and {@code infinity}.
   */
  @Test
  void sampleRateKnowsOnlyRustsSpellingsOfInfinityAndNaN() throws Exception {
    assertThat(((Value.Obj) decode("m:1|c|@inf")).get("sample_rate"))
        .isEqualTo(Value.of(Double.POSITIVE_INFINITY));
    assertThat(((Value.Float) ((Value.Obj) decode("m:1|c|@NaN")).get("sample_rate")).value())
        .isNaN();
    for (String other : new String[] {"INF", "Inf", "infinity", "nan", "NAN"}) {
      assertThatThrownBy(() -> decode("m:1|c|@" + other))
          .as(other)
          .hasMessage("invalid float literal");
    }
  }

  @Test
  void encodesFloatsShortest() throws Exception {
    Value v =
        Value.obj(
            "metric",
            Value.of("m"),
            "type",
            Value.of("g"),
            "value",
            Value.of(1.0),
            "sample_rate",
            Value.of(1));
    assertThat(new String(codec.encode(v), StandardCharsets.UTF_8)).isEqualTo("m:1.0|g|@1");
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> decode("nocolon")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1|")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1|x")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1|mx")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1|c|x")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:1|cx")).hasMessage("Invalid statsd metric");
    assertThatThrownBy(() -> decode("m:x|c")).hasMessage("invalid digit found in string");
    assertThatThrownBy(() -> decode("m:|c")).hasMessage("cannot parse integer from empty string");
    assertThatThrownBy(() -> decode("m:99999999999999999999|c"))
        .hasMessage("number too large to fit in target type");
    assertThatThrownBy(() -> decode("m:1.x|c")).hasMessage("invalid float literal");
    assertThatThrownBy(() -> decode("m:1|c|@")).hasMessage("cannot parse float from empty string");
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, ':', '1', '|', 'c'}, 0))
        .hasMessage("invalid utf-8 sequence of 1 bytes from index 0");
    assertThatThrownBy(
            () -> codec.encode(Value.obj("metric", Value.of("m"), "type", Value.of("c"))))
        .hasMessage("Invalid statsd metric");
    assertThatThrownBy(
            () ->
                codec.encode(
                    Value.obj(
                        "metric", Value.of("m"), "type", Value.of("c"), "value", Value.of("1"))))
        .hasMessage("Invalid statsd metric");
    assertThatThrownBy(
            () ->
                codec.encode(
                    Value.obj(
                        "metric",
                        Value.of("m"),
                        "type",
                        Value.of("c"),
                        "value",
                        Value.of(1),
                        "sample_rate",
                        Value.NULL)))
        .hasMessage("Invalid statsd metric");
  }
}
