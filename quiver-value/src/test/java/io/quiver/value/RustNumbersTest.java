package io.quiver.value;

import static io.quiver.value.RustNumbers.FloatDialect.LEXICAL;
import static io.quiver.value.RustNumbers.FloatDialect.RUST_STD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.RustNumbers.FloatDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RustNumbersTest {
  private static final String INVALID_DIGIT = "invalid digit found in string";
  private static final String TOO_LARGE = "number too large to fit in target type";
  private static final String TOO_SMALL = "number too small to fit in target type";

  @Test
  void i64TakesAnOptionalSignAndDigits() throws Exception {
    assertThat(RustNumbers.parseI64("0")).isZero();
    assertThat(RustNumbers.parseI64("+5")).isEqualTo(5);
    assertThat(RustNumbers.parseI64("-5")).isEqualTo(-5);
    assertThat(RustNumbers.parseI64("007")).isEqualTo(7);
    assertThat(RustNumbers.parseI64("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(RustNumbers.parseI64("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "-", "+-5", " 1", "1 ", "1.0", "1e3", "0x10", "1_000", "١"})
  void i64RefusesAnythingElse(String text) {
    assertThatThrownBy(() -> RustNumbers.parseI64(text)).hasMessage(INVALID_DIGIT);
  }

  @Test
  void i64NamesEmptyTextAndOverflow() {
    assertThatThrownBy(() -> RustNumbers.parseI64(""))
        .hasMessage("cannot parse integer from empty string");
    assertThatThrownBy(() -> RustNumbers.parseI64("9223372036854775808")).hasMessage(TOO_LARGE);
    assertThatThrownBy(() -> RustNumbers.parseI64("-9223372036854775809")).hasMessage(TOO_SMALL);
  }

  /**
   * Rust reads digit by digit: the overflow comes before the bad character. The script's former
   * copy checked the characters first and said "invalid digit" here.
   */
  @Test
  void i64OverflowIsFoundBeforeALaterBadCharacter() {
    assertThatThrownBy(() -> RustNumbers.parseI64("99999999999999999999x")).hasMessage(TOO_LARGE);
    assertThatThrownBy(() -> RustNumbers.parseI64("-99999999999999999999x")).hasMessage(TOO_SMALL);
    assertThatThrownBy(() -> RustNumbers.parseI64("9x9999999999999999999"))
        .hasMessage(INVALID_DIGIT);
  }

  @Test
  void u64TakesAPlusButNoMinus() throws Exception {
    assertThat(RustNumbers.parseU64AsLong("+5")).isEqualTo(5);
    assertThat(RustNumbers.parseU64AsLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> RustNumbers.parseU64AsLong("-5")).hasMessage(INVALID_DIGIT);
    assertThatThrownBy(() -> RustNumbers.parseU64AsLong("-")).hasMessage(INVALID_DIGIT);
    assertThatThrownBy(() -> RustNumbers.parseU64AsLong("9223372036854775808"))
        .hasMessage(TOO_LARGE);
    assertThatThrownBy(() -> RustNumbers.parseU64AsLong(""))
        .hasMessage("cannot parse integer from empty string");
  }

  @ParameterizedTest
  @EnumSource(FloatDialect.class)
  void f64ReadsDecimalsTheSameWithEitherRule(FloatDialect dialect) throws Exception {
    assertThat(RustNumbers.parseF64("1", dialect)).isEqualTo(1.0);
    assertThat(RustNumbers.parseF64("1.", dialect)).isEqualTo(1.0);
    assertThat(RustNumbers.parseF64(".5", dialect)).isEqualTo(0.5);
    assertThat(RustNumbers.parseF64("-1e3", dialect)).isEqualTo(-1000.0);
    assertThat(RustNumbers.parseF64("+2E-1", dialect)).isEqualTo(0.2);
    assertThat(RustNumbers.parseF64("1.e2", dialect)).isEqualTo(100.0);
    assertThat(RustNumbers.parseF64("1e400", dialect)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RustNumbers.parseF64("-0", dialect)).isEqualTo(-0.0);
    assertThatThrownBy(() -> RustNumbers.parseF64("", dialect))
        .hasMessage("cannot parse float from empty string");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {" 1.0", "1.0 ", "0x1p3", "1d", "1f", ".", "1e", "e5", ".e5", "+", "-", "1,5"})
  void f64RefusesOtherTextWithEitherRule(String text) {
    for (FloatDialect dialect : FloatDialect.values()) {
      assertThatThrownBy(() -> RustNumbers.parseF64(text, dialect))
          .hasMessage("invalid float literal");
    }
  }

  @Test
  void rustStdTakesExactlyInfAndNaN() throws Exception {
    assertThat(RustNumbers.parseF64("inf", RUST_STD)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RustNumbers.parseF64("+inf", RUST_STD)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RustNumbers.parseF64("-inf", RUST_STD)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(RustNumbers.parseF64("NaN", RUST_STD)).isNaN();
    assertThat(RustNumbers.parseF64("-NaN", RUST_STD)).isNaN();
  }

  /**
   * Where the two former copies disagreed: the codec's accepted these for statsd too, but Rust 1.52
   * (Tremor 0.11's toolchain) refuses them; only lexical (influx) takes them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"INF", "Inf", "infinity", "Infinity", "-infinity", "nan", "NAN", "-nan"})
  void onlyAnyCaseTakesOtherSpellingsOfInfinityAndNaN(String text) throws Exception {
    assertThatThrownBy(() -> RustNumbers.parseF64(text, RUST_STD))
        .hasMessage("invalid float literal");
    double value = RustNumbers.parseF64(text, LEXICAL);
    if (text.toLowerCase(java.util.Locale.ROOT).contains("nan")) {
      assertThat(value).isNaN();
    } else {
      assertThat(value)
          .isEqualTo(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"infx", "in", "infinit", "infinityy", "nana", "--inf", "+-1"})
  void neitherRuleTakesNearMisses(String text) {
    for (FloatDialect dialect : FloatDialect.values()) {
      assertThatThrownBy(() -> RustNumbers.parseF64(text, dialect))
          .hasMessage("invalid float literal");
    }
  }

  /**
   * Rust 1.52 refuses a number whose conversion needs more than 375 intermediate digits (digits
   * plus the shift of the point, plus 17 when the point moves left); lexical reads it.
   */
  @Test
  void rustStdRefusesWhatWouldOverflowItsBigIntegers() throws Exception {
    String thirds179 = "0." + "3".repeat(179); // 179 + 179 + 17 = 375
    String thirds180 = "0." + "3".repeat(180); // 377
    assertThat(RustNumbers.parseF64(thirds179, RUST_STD)).isEqualTo(1.0 / 3);
    assertThatThrownBy(() -> RustNumbers.parseF64(thirds180, RUST_STD))
        .hasMessage("invalid float literal");
    assertThat(RustNumbers.parseF64(thirds180, LEXICAL)).isEqualTo(1.0 / 3);
    String wide = "1".repeat(200) + "." + "1".repeat(200);
    assertThatThrownBy(() -> RustNumbers.parseF64(wide, RUST_STD))
        .hasMessage("invalid float literal");
    assertThat(RustNumbers.parseF64(wide, LEXICAL)).isEqualTo(Double.parseDouble(wide));
    String longSubnormal = "1".repeat(50) + "e-320"; // 50 + 320 + 17 = 387
    assertThatThrownBy(() -> RustNumbers.parseF64(longSubnormal, RUST_STD))
        .hasMessage("invalid float literal");
  }

  /** Values Rust 1.52 decides before counting digits: zero, and beyond its cut-offs. */
  @Test
  void rustStdTakesLongNumbersThatAreObviouslyZeroOrInfinite() throws Exception {
    assertThat(RustNumbers.parseF64("1".repeat(400), RUST_STD)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RustNumbers.parseF64("-" + "1".repeat(400), RUST_STD))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(RustNumbers.parseF64("0." + "0".repeat(400) + "1", RUST_STD)).isEqualTo(0.0);
    assertThat(RustNumbers.parseF64("0".repeat(500) + "." + "0".repeat(500), RUST_STD))
        .isEqualTo(0.0);
    assertThat(RustNumbers.parseF64("1" + "0".repeat(300) + "." + "0".repeat(300), RUST_STD))
        .isEqualTo(1e300);
    assertThat(RustNumbers.parseF64("1".repeat(300) + ".5", RUST_STD))
        .isEqualTo(Double.parseDouble("1".repeat(300) + ".5"));
  }

  /** Rust 1.52 reads an exponent of 18 digits or more as infinity or zero, whatever the digits. */
  @Test
  void rustStdShortcutsEighteenDigitExponents() throws Exception {
    assertThat(RustNumbers.parseF64("0e999999999999999999", RUST_STD))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RustNumbers.parseF64("-0e+100000000000000000", RUST_STD))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(RustNumbers.parseF64("5e-100000000000000000", RUST_STD)).isEqualTo(0.0);
    assertThat(RustNumbers.parseF64("0e99999999999999999", RUST_STD)).isEqualTo(0.0);
    assertThat(RustNumbers.parseF64("1e0000000000000000000001", RUST_STD)).isEqualTo(10.0);
    assertThat(RustNumbers.parseF64("0e999999999999999999", LEXICAL)).isEqualTo(0.0);
  }

  @Test
  void roundGoesHalfAwayFromZero() {
    assertThat(RustNumbers.round(2.5)).isEqualTo(3.0);
    assertThat(RustNumbers.round(-2.5)).isEqualTo(-3.0);
    assertThat(RustNumbers.round(2.4999)).isEqualTo(2.0);
    assertThat(RustNumbers.round(-0.4)).isEqualTo(-0.0);
    assertThat(RustNumbers.round(0.5)).isEqualTo(1.0);
    assertThat(RustNumbers.round(Double.NaN)).isNaN();
    assertThat(RustNumbers.round(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
