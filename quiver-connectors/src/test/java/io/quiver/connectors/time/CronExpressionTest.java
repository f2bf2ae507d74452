package io.quiver.connectors.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.time.CronExpression.CronSyntaxException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
  /** 2026-12-07 (a Monday) 10:15:30 UTC. */
  private static final ZonedDateTime MONDAY =
      ZonedDateTime.of(2026, 12, 7, 10, 15, 30, 123_000_000, ZoneOffset.UTC);

  private static ZonedDateTime next(String expr, ZonedDateTime after) throws Exception {
    return CronExpression.parse(expr).next(after).orElseThrow();
  }

  private static List<ZonedDateTime> times(String expr, ZonedDateTime after, int n)
      throws Exception {
    CronExpression cron = CronExpression.parse(expr);
    List<ZonedDateTime> out = new ArrayList<>();
    ZonedDateTime t = after;
    for (int i = 0; i < n; i++) {
      t = cron.next(t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  private static ZonedDateTime at(int month, int day, int hour, int minute, int second) {
    return ZonedDateTime.of(2026, month, day, hour, minute, second, 0, ZoneOffset.UTC);
  }

  @Test
  void everySecondIsTheNextWholeSecond() throws Exception {
    assertThat(next("* * * * * *", MONDAY)).isEqualTo(at(12, 7, 10, 15, 31));
  }

  @Test
  void stepsRangesAndLists() throws Exception {
    assertThat(times("*/20 * * * * *", MONDAY, 3))
        .containsExactly(at(12, 7, 10, 15, 40), at(12, 7, 10, 16, 0), at(12, 7, 10, 16, 20));
    assertThat(times("0 10/20 * * * *", MONDAY, 3))
        .containsExactly(at(12, 7, 10, 30, 0), at(12, 7, 10, 50, 0), at(12, 7, 11, 10, 0));
    assertThat(times("0 0 9-17/4 * * *", MONDAY, 3))
        .containsExactly(at(12, 7, 13, 0, 0), at(12, 7, 17, 0, 0), at(12, 8, 9, 0, 0));
    assertThat(times("5,10 0 12 * * *", MONDAY, 3))
        .containsExactly(at(12, 7, 12, 0, 5), at(12, 7, 12, 0, 10), at(12, 8, 12, 0, 5));
  }

  @Test
  void daysOfWeekCountFromSundayAndTakeNames() throws Exception {
    // 2026-12-12 is a Saturday (7), 2026-12-13 a Sunday (1)
    assertThat(next("0 0 0 * * 7", MONDAY)).isEqualTo(at(12, 12, 0, 0, 0));
    assertThat(next("0 0 0 * * Sun", MONDAY)).isEqualTo(at(12, 13, 0, 0, 0));
    assertThat(times("0 30 9 * * Mon-Fri", MONDAY, 2))
        .containsExactly(at(12, 8, 9, 30, 0), at(12, 9, 9, 30, 0));
  }

  @Test
  void dayOfMonthAndDayOfWeekMustBothMatch() throws Exception {
    // the 13th that is a Friday (6): 2027-08-13
    assertThat(next("0 0 0 13 * 6", MONDAY))
        .isEqualTo(ZonedDateTime.of(2027, 8, 13, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(next("0 0 0 ? * Wed", MONDAY)).isEqualTo(at(12, 9, 0, 0, 0));
  }

  @Test
  void monthsTakeNamesAndYearsAreOptional() throws Exception {
    assertThat(next("0 0 0 1 Feb *", MONDAY))
        .isEqualTo(ZonedDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(next("0 0 0 1 1 * 2030", MONDAY))
        .isEqualTo(ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(CronExpression.parse("0 0 0 1 1 * 2020").next(MONDAY)).isEmpty();
    assertThat(CronExpression.parse("0 0 0 31 2 *").next(MONDAY)).isEmpty();
  }

  @Test
  void shorthands() throws Exception {
    assertThat(next("@hourly", MONDAY)).isEqualTo(at(12, 7, 11, 0, 0));
    assertThat(next("@daily", MONDAY)).isEqualTo(at(12, 8, 0, 0, 0));
    assertThat(next("@weekly", MONDAY)).isEqualTo(at(12, 13, 0, 0, 0));
    assertThat(next("@monthly", MONDAY))
        .isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(next("@yearly", MONDAY))
        .isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * * * *           | expected 6 or 7 fields, found 5",
        "''                  | expected 6 or 7 fields, found 0",
        "60 * * * * *        | seconds: 60 in `60` is not between 0 and 59",
        "* * 24 * * *        | hours: 24 in `24` is not between 0 and 23",
        "* * * 0 * *         | days of month: 0 in `0` is not between 1 and 31",
        "* * * * 13 *        | months: 13 in `13` is not between 1 and 12",
        "* * * * Foo *       | months: `Foo` in `Foo` is not a number or a month name (Jan..Dec)",
        "* * * * * 0         | days of week: 0 in `0` is not between 1 and 7",
        "*/0 * * * * *       | seconds: the step in `*/0` must be at least 1",
        "* 10-5 * * * *      | minutes: the range `10-5` ends before it starts",
        "1,,2 * * * * *      | seconds: empty item in `1,,2`",
        "? * * * * *         | seconds: `?` in `?` is not a number",
      })
  void badExpressionsSayWhichFieldAndWhy(String expr, String message) {
    assertThatThrownBy(() -> CronExpression.parse(expr))
        .isInstanceOf(CronSyntaxException.class)
        .hasMessage(message);
  }
}
