package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatTextTest {

  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0",
    "0.1, 0.1",
    "-2.5, -2.5",
    "100.0, 100.0",
    "1e15, 1000000000000000.0",
    "1e16, 1e16",
    "1.2345e16, 1.2345e16",
    "123456789012345.6, 123456789012345.6",
    "1e21, 1e21",
    "-1e21, -1e21",
    "1.7976931348623157e308, 1.7976931348623157e308",
    "0.001, 0.001",
    "0.0001, 0.0001",
    "0.00001, 0.00001",
    "0.000012, 0.000012",
    "0.000001, 1e-6",
    "0.0000012, 1.2e-6",
    "1.5e-300, 1.5e-300",
    "1e23, 1e23",
    "4.9e-324, 5e-324",
    "0.0, 0.0",
    "-0.0, -0.0",
  })
  void formatsLikeRyu(double value, String expected) {
    assertThat(FloatText.ryuStyle(value)).isEqualTo(expected);
  }
}
