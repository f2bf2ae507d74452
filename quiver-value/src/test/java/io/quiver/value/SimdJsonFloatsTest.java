package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** simd-json 0.4.7's float reading, which Tremor's json codec uses. */
class SimdJsonFloatsTest {
  @AfterEach
  void off() {
    TremorJson.enable(false);
  }

  private static double read(String number) {
    byte[] b = number.getBytes(StandardCharsets.US_ASCII);
    return SimdJsonFloats.read(b, 0, b.length);
  }

  @Test
  void digitsTimesAPowerOfTenCanBeAUnitInTheLastPlaceOff() {
    // from Tremor's std_stream_sinks_postprocessors case: Tremor writes these back as shown
    assertThat(read("-85.534101")).isEqualTo(-85.53410099999999);
    assertThat(read("0.865932")).isEqualTo(0.8659319999999999);
    assertThat(Double.toString(read("-85.534101"))).isEqualTo("-85.53410099999999");
  }

  @Test
  void exactWhereTheProductIsExactOnly() {
    assertThat(read("1.5")).isEqualTo(1.5);
    assertThat(read("-2.25e2")).isEqualTo(-225.0);
    // but 12 x 0.1 is not 1.2: Tremor reads 12e-1 as 1.2000000000000002
    assertThat(read("12e-1")).isEqualTo(1.2000000000000002);
  }

  @Test
  void zeroIsPositiveZero() {
    assertThat(Double.doubleToRawLongBits(read("-0.0"))).isEqualTo(0L);
  }

  @Test
  void nineteenOrMoreCharactersOfSignAndDigitsTakeTheSlowPath() {
    // integer part, plus the fraction's first digits over their weight
    assertThat(read("1234567890.123456789")).isEqualTo(1234567890.0 + 123456789.0 / 1e9);
    assertThat(read("-1234567890.12345678")).isEqualTo(-(1234567890.0 + 12345678.0 / 1e8));
  }

  @Test
  void theJsonReaderUsesItOnlyWhenTremorJsonIsOn() throws Exception {
    assertThat(((Value.Float) Json.parse("-85.534101")).value()).isEqualTo(-85.534101);
    TremorJson.enable(true);
    assertThat(((Value.Float) Json.parse("-85.534101")).value()).isEqualTo(-85.53410099999999);
    assertThat(Json.parse("42")).isEqualTo(Value.of(42));
  }
}
