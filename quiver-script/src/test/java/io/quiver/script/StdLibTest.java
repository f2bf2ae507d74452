package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Std-library functions, evaluated through scripts as users call them. */
class StdLibTest {

  private static Value eval(String expr) throws ScriptException {
    return Script.compile(expr, "t.tremor", ModulePath.EMPTY)
        .run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL).value();
  }

  /** The problem of {@code expr} (found at compile time when its arguments are literals). */
  private static String error(String expr) {
    try {
      Script.compile(expr, "t.tremor", ModulePath.EMPTY)
          .run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL);
    } catch (ScriptException e) {
      return e.problem();
    } catch (ScriptRuntimeException e) {
      return e.problem();
    }
    throw new AssertionError(expr + " did not fail");
  }

  @Test
  void assertIsTrueOnEqualValuesAndFalseOtherwise() throws Exception {
    assertThat(eval("test::assert(\"same\", {\"a\": [1, 2]}, {\"a\": [1, 2]})")).isEqualTo(Value.TRUE);
    assertThat(eval("test::assert(\"differ\", 1, 2)")).isEqualTo(Value.FALSE);
    assertThat(eval("test::assert(\"types\", 1, \"1\")")).isEqualTo(Value.FALSE);
  }

  @Test
  void withUnitsGiveNanoseconds() throws Exception {
    assertThat(eval("datetime::with_nanoseconds(7)")).isEqualTo(Value.of(7));
    assertThat(eval("datetime::with_microseconds(7)")).isEqualTo(Value.of(7_000));
    assertThat(eval("datetime::with_milliseconds(7)")).isEqualTo(Value.of(7_000_000));
    assertThat(eval("datetime::with_seconds(7)")).isEqualTo(Value.of(7_000_000_000L));
    assertThat(eval("datetime::with_minutes(2)")).isEqualTo(Value.of(120_000_000_000L));
    assertThat(eval("datetime::with_hours(2)")).isEqualTo(Value.of(7_200_000_000_000L));
    assertThat(eval("datetime::with_days(2)")).isEqualTo(Value.of(172_800_000_000_000L));
    assertThat(eval("datetime::with_weeks(1)")).isEqualTo(Value.of(604_800_000_000_000L));
  }

  @Test
  void aYearIs365DaysPlusADayPerFourYears() throws Exception {
    long day = 86_400_000_000_000L;
    assertThat(eval("datetime::with_years(1)")).isEqualTo(Value.of(365 * day));
    assertThat(eval("datetime::with_years(3)")).isEqualTo(Value.of(3 * 365 * day));
    assertThat(eval("datetime::with_years(4)")).isEqualTo(Value.of((4 * 365 + 1) * day));
    assertThat(eval("datetime::with_years(9)")).isEqualTo(Value.of((9 * 365 + 2) * day));
  }

  @Test
  void countsAreUnsigned32BitAndMultipliedIn32BitsAsTremorDoes() throws Exception {
    // 71582789 * 60 = 4294967340 wraps to 44 seconds
    assertThat(eval("datetime::with_minutes(71582789)")).isEqualTo(Value.of(44_000_000_000L));
    assertThat(error("datetime::with_seconds(-1)"))
        .isEqualTo("Bad type passed to function datetime::with_seconds/1");
    assertThat(error("datetime::with_seconds(4294967296)"))
        .isEqualTo("Bad type passed to function datetime::with_seconds/1");
  }

  @Test
  void fromHumanFormatAddsCountUnitPairs() throws Exception {
    assertThat(eval("datetime::from_human_format(\"3 days\")")).isEqualTo(Value.of(259_200_000_000_000L));
    assertThat(eval("datetime::from_human_format(\"59 seconds\")")).isEqualTo(Value.of(59_000_000_000L));
    assertThat(eval("datetime::from_human_format(\"21 days 3 minutes 5 seconds\")"))
        .isEqualTo(Value.of(1_814_585_000_000_000L));
    assertThat(eval("datetime::from_human_format(\"1 nanosecond\")")).isEqualTo(Value.of(1));
    // singular units only with 1, unknown pairs are skipped
    assertThat(eval("datetime::from_human_format(\"2 second 5 seconds\")"))
        .isEqualTo(Value.of(5_000_000_000L));
    assertThat(eval("datetime::from_human_format(\"1 year\")"))
        .isEqualTo(Value.of(365 * 86_400_000_000_000L));
  }

  @Test
  void fromHumanFormatRejectsTextWithoutAKnownPair() {
    for (String human : new String[] {"3", "3 hours", "", "x days", "-1 days"}) {
      assertThat(error("datetime::from_human_format(\"" + human + "\")")).as(human)
          .isEqualTo("Runtime error in function datetime::from_human_format/1: The human format "
              + human + " is invalid");
    }
  }

  @Test
  void todayIsMidnightUtcOfTheRunNotOfTheCompile() throws Exception {
    Script script = Script.compile("datetime::today()", "t.tremor", ModulePath.EMPTY);
    long before = LocalDate.now(ZoneOffset.UTC).toEpochDay();
    long ns = ((Value.Int) script.run(Value.NULL, Value.EMPTY_OBJECT, Value.NULL).value()).value();
    long after = LocalDate.now(ZoneOffset.UTC).toEpochDay();

    assertThat(ns % 86_400_000_000_000L).isZero();
    assertThat(ns / 86_400_000_000_000L).isBetween(before, after);
  }

  @Test
  void toNearestRoundsTheSubsecondHalfUp() throws Exception {
    assertThat(eval("datetime::to_nearest_millisecond(1559655782123456789)"))
        .isEqualTo(Value.of(1_559_655_782_123_000_000L));
    assertThat(eval("datetime::to_nearest_millisecond(123789654)")).isEqualTo(Value.of(124_000_000));
    assertThat(eval("datetime::to_nearest_millisecond(1500000)")).isEqualTo(Value.of(2_000_000));
    assertThat(eval("datetime::to_nearest_microsecond(1559655782123456789)"))
        .isEqualTo(Value.of(1_559_655_782_123_457_000L));
    assertThat(eval("datetime::to_nearest_microsecond(1000)")).isEqualTo(Value.of(1_000));
    assertThat(eval("datetime::to_nearest_second(1559655782123456789)"))
        .isEqualTo(Value.of(1_559_655_782_000_000_000L));
    assertThat(eval("datetime::to_nearest_second(1559655782500000000)"))
        .isEqualTo(Value.of(1_559_655_783_000_000_000L));
    assertThat(error("datetime::to_nearest_second(-1)"))
        .isEqualTo("Bad type passed to function datetime::to_nearest_second/1");
  }

  @Test
  void aSubsecondRoundingUpToAWholeSecondFallsBackToTheSecondsStartAsInTremor() throws Exception {
    assertThat(eval("datetime::to_nearest_millisecond(5999600000)")).isEqualTo(Value.of(5_000_000_000L));
  }
}
