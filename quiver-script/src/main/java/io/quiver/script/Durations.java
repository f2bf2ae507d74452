package io.quiver.script;

/**
 * Tremor's {@code datetime::with_*} durations in nanoseconds. The counts are unsigned 32-bit and
 * Tremor multiplies them in 32 bits before widening (minutes = seconds of {@code n * 60}, ...), so
 * very large counts wrap the same way here; a year is 365 days plus a day per four years.
 */
final class Durations {
  private Durations() {}

  /** {@code n} (0..2^32-1) of {@code unit} (nanoseconds ... years) in nanoseconds. */
  static long of(String unit, long n) {
    return switch (unit) {
      case "nanoseconds", "nanosecond" -> n;
      case "microseconds", "microsecond" -> n * 1_000L;
      case "milliseconds", "millisecond" -> n * 1_000_000L;
      case "seconds", "second" -> n * 1_000_000_000L;
      case "minutes", "minute" -> of("seconds", u32(n * 60));
      case "hours", "hour" -> of("minutes", u32(n * 60));
      case "days", "day" -> of("hours", u32(n * 24));
      case "weeks", "week" -> of("days", u32(n * 7));
      case "years", "year" -> of("days", u32(n * 365)) + of("days", n / 4);
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }

  private static long u32(long x) {
    return x & 0xFFFFFFFFL;
  }

  /**
   * The sum of the {@code <count> <unit>} pairs of {@code human} (words separated by single
   * spaces), as {@code datetime::from_human_format}: plural units take any count, singular ones
   * only 1; hours are not among the units; pairs that do not fit are skipped. 0 when none fit.
   */
  static long fromHuman(String human) {
    String[] words = human.split(" ", -1);
    long total = 0;
    for (int i = 0; i + 1 < words.length; i += 2) {
      long n;
      try {
        n = Long.parseLong(words[i]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (n < 0 || n > 0xFFFFFFFFL || words[i].startsWith("-")) {
        continue;
      }
      String unit = words[i + 1];
      boolean plural =
          switch (unit) {
            case "years",
                "weeks",
                "days",
                "minutes",
                "seconds",
                "milliseconds",
                "microseconds",
                "nanoseconds" ->
                true;
            default -> false;
          };
      boolean singular =
          switch (unit) {
            case "year",
                "week",
                "day",
                "minute",
                "second",
                "millisecond",
                "microsecond",
                "nanosecond" ->
                true;
            default -> false;
          };
      if (plural || (singular && n == 1)) {
        total += of(unit, n);
      }
    }
    return total;
  }
}
