package io.quiver.connectors.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron schedule in the syntax of Tremor 0.11's crononome (the Rust {@code cron} crate 0.9): six
 * or seven fields, {@code sec min hour day-of-month month day-of-week [year]}, in UTC. Each field
 * is a comma list of {@code *}, a number, a range {@code a-b}, a name or name range ({@code
 * Jan-Mar}, {@code Mon-Fri}), each optionally with a step ({@code *}{@code /5}, {@code 10/15},
 * {@code 1-30/2}); {@code ?} means any day in the two day fields. Days of the week count from 1 =
 * Sunday to 7 = Saturday. A time matches when every field matches: day of month <em>and</em> day of
 * week, as in that crate (classic Unix cron takes either). The shorthands {@code @yearly},
 * {@code @monthly}, {@code @weekly}, {@code @daily} and {@code @hourly} are accepted.
 */
public final class CronExpression {
  /** The last year the crate schedules (its year field's maximum). */
  static final int MAX_YEAR = 2100;

  /** What a user who got the syntax wrong is told. */
  public static final String SYNTAX =
      "a cron expression has 6 or 7 fields: sec min hour day-of-month month day-of-week [year],"
          + " e.g. \"0 */5 * * * *\" (every 5 minutes) or \"0 30 9 * * Mon-Fri\" (9:30 UTC on"
          + " weekdays)";

  private static final Map<String, String> SHORTHANDS =
      Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 1",
          "@daily", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private enum Field {
    SECOND("seconds", 0, 59),
    MINUTE("minutes", 0, 59),
    HOUR("hours", 0, 23),
    DAY_OF_MONTH("days of month", 1, 31),
    MONTH("months", 1, 12),
    DAY_OF_WEEK("days of week", 1, 7),
    YEAR("years", 1970, MAX_YEAR);

    final String label;
    final int min;
    final int max;

    Field(String label, int min, int max) {
      this.label = label;
      this.min = min;
      this.max = max;
    }
  }

  private final String text;
  private final BitSet[] sets = new BitSet[Field.values().length];

  private CronExpression(String text) {
    this.text = text;
  }

  /** Parses {@code text}; the exception's message says which field is wrong and why. */
  public static CronExpression parse(String text) throws CronSyntaxException {
    CronExpression cron = new CronExpression(text);
    String trimmed = text.strip();
    String expanded = SHORTHANDS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] parts = expanded.isEmpty() ? new String[0] : expanded.split("\\s+");
    if (parts.length < 6 || parts.length > 7) {
      throw new CronSyntaxException("expected 6 or 7 fields, found " + parts.length);
    }
    Field[] fields = Field.values();
    for (int i = 0; i < fields.length; i++) {
      Field f = fields[i];
      cron.sets[i] = i < parts.length ? parseField(f, parts[i]) : all(f);
    }
    return cron;
  }

  private static BitSet all(Field f) {
    BitSet s = new BitSet();
    s.set(f.min, f.max + 1);
    return s;
  }

  private static BitSet parseField(Field f, String spec) throws CronSyntaxException {
    BitSet set = new BitSet();
    for (String item : spec.split(",", -1)) {
      if (item.isEmpty()) {
        throw new CronSyntaxException(f.label + ": empty item in `" + spec + "`");
      }
      addItem(f, item, set);
    }
    return set;
  }

  private static void addItem(Field f, String item, BitSet set) throws CronSyntaxException {
    String base = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      base = item.substring(0, slash);
      step = number(f, item.substring(slash + 1), item);
      if (step < 1) {
        throw new CronSyntaxException(f.label + ": the step in `" + item + "` must be at least 1");
      }
    }
    int from;
    int to;
    boolean anyDay = base.equals("?") && (f == Field.DAY_OF_MONTH || f == Field.DAY_OF_WEEK);
    if (base.equals("*") || anyDay) {
      from = f.min;
      to = f.max;
    } else if (base.indexOf('-') > 0) {
      int dash = base.indexOf('-');
      from = value(f, base.substring(0, dash), item);
      to = value(f, base.substring(dash + 1), item);
      if (to < from) {
        throw new CronSyntaxException(f.label + ": the range `" + base + "` ends before it starts");
      }
    } else {
      from = value(f, base, item);
      to = slash >= 0 ? f.max : from;
    }
    for (int v = from; v <= to; v += step) {
      set.set(v);
    }
  }

  private static int value(Field f, String token, String item) throws CronSyntaxException {
    String lower = token.toLowerCase(Locale.ROOT);
    if (f == Field.MONTH && lower.length() >= 3 && MONTHS.contains(lower.substring(0, 3))) {
      return MONTHS.indexOf(lower.substring(0, 3)) + 1;
    }
    if (f == Field.DAY_OF_WEEK && lower.length() >= 3 && DAYS.contains(lower.substring(0, 3))) {
      return DAYS.indexOf(lower.substring(0, 3)) + 1;
    }
    int v = number(f, token, item);
    if (v < f.min || v > f.max) {
      throw new CronSyntaxException(
          f.label + ": " + v + " in `" + item + "` is not between " + f.min + " and " + f.max);
    }
    return v;
  }

  private static int number(Field f, String token, String item) throws CronSyntaxException {
    if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 9) {
      throw new CronSyntaxException(
          f.label + ": `" + token + "` in `" + item + "` is not a number" + namesHint(f));
    }
    return Integer.parseInt(token);
  }

  private static String namesHint(Field f) {
    return switch (f) {
      case MONTH -> " or a month name (Jan..Dec)";
      case DAY_OF_WEEK -> " or a day name (Sun..Sat; 1 = Sunday)";
      default -> "";
    };
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** The first time after {@code after} (strictly) that matches, in UTC, whole seconds. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    LocalDateTime t =
        after
            .withZoneSameInstant(ZoneOffset.UTC)
            .toLocalDateTime()
            .truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(1);
    while (t.getYear() <= MAX_YEAR) {
      if (!has(Field.YEAR, t.getYear())) {
        t = LocalDate.of(t.getYear() + 1, 1, 1).atStartOfDay();
      } else if (!has(Field.MONTH, t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!has(Field.DAY_OF_MONTH, t.getDayOfMonth())
          || !has(Field.DAY_OF_WEEK, t.getDayOfWeek().getValue() % 7 + 1)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!has(Field.HOUR, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(Field.MINUTE, t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!has(Field.SECOND, t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return Optional.of(t.atZone(ZoneOffset.UTC));
      }
    }
    return Optional.empty();
  }

  private boolean has(Field f, int value) {
    return sets[f.ordinal()].get(value);
  }

  @Override
  public String toString() {
    return text;
  }

  /** A cron expression that cannot be parsed; the message names the field and the problem. */
  public static final class CronSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    CronSyntaxException(String message) {
      super(message);
    }
  }
}
