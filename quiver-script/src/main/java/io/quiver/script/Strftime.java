package io.quiver.script;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * chrono-style {@code strftime} formats ({@code %Y-%m-%d %H:%M:%S%.f%z} ...) for the {@code
 * datetime} extractor and {@code datetime::parse/format}: timestamps are UTC nanoseconds since the
 * epoch; a format with a zone ({@code %z}, {@code %:z}, {@code %Z}) parses an offset.
 */
final class Strftime {
  private Strftime() {}

  static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message, null, false, false);
    }
  }

  static boolean hasZone(String fmt) {
    for (int i = 0; i + 1 < fmt.length(); i++) {
      if (fmt.charAt(i) == '%') {
        char c = fmt.charAt(i + 1);
        if (c == 'z'
            || c == 'Z'
            || (c == ':' && i + 2 < fmt.length() && fmt.charAt(i + 2) == 'z')) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  static DateTimeFormatter formatter(String fmt) throws FormatException {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%' || i + 1 == fmt.length()) {
        b.appendLiteral(c);
        continue;
      }
      char s = fmt.charAt(++i);
      switch (s) {
        case 'Y' -> b.appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL);
        case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1970);
        case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
        case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
        case 'e' -> b.padNext(2).appendValue(ChronoField.DAY_OF_MONTH);
        case 'j' -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
        case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
        case 'I' -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
        case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
        case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
        case 'p' -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
        case 'b', 'h' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
        case 'B' -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
        case 'a' -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
        case 'A' -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
        case 'f' -> b.appendValue(ChronoField.NANO_OF_SECOND, 9);
        case 'z' -> b.appendOffset("+HHMM", "+0000");
        case 'Z' -> b.appendZoneOrOffsetId();
        case 's' -> b.appendValue(ChronoField.INSTANT_SECONDS);
        case 'T' -> b.append(formatter("%H:%M:%S"));
        case 'R' -> b.append(formatter("%H:%M"));
        case 'D' -> b.append(formatter("%m/%d/%y"));
        case 'F' -> b.append(formatter("%Y-%m-%d"));
        case '%' -> b.appendLiteral('%');
        case 'n' -> b.appendLiteral('\n');
        case 't' -> b.appendLiteral('\t');
        case ':' -> {
          if (i + 1 < fmt.length() && fmt.charAt(i + 1) == 'z') {
            i++;
            b.appendOffset("+HH:MM", "+00:00");
          } else {
            throw new FormatException("invalid format specifier %:");
          }
        }
        case '.' -> {
          int digits = 0;
          if (i + 1 < fmt.length() && Character.isDigit(fmt.charAt(i + 1))) {
            digits = fmt.charAt(++i) - '0';
          }
          if (i + 1 >= fmt.length() || fmt.charAt(i + 1) != 'f') {
            throw new FormatException("invalid format specifier %.");
          }
          i++;
          b.appendFraction(
              ChronoField.NANO_OF_SECOND, digits == 0 ? 0 : digits, digits == 0 ? 9 : digits, true);
        }
        case '3', '6', '9' -> {
          if (i + 1 < fmt.length() && fmt.charAt(i + 1) == 'f') {
            i++;
            b.appendFraction(ChronoField.NANO_OF_SECOND, s - '0', s - '0', false);
          } else {
            throw new FormatException("invalid format specifier %" + s);
          }
        }
        default -> throw new FormatException("invalid format specifier %" + s);
      }
    }
    return b.toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(java.time.chrono.IsoChronology.INSTANCE);
  }

  /** UTC nanoseconds since the epoch of {@code text} in format {@code fmt}. */
  static long parse(String text, String fmt) throws FormatException {
    DateTimeFormatter f = formatter(fmt.replace("%Y", "%Y"));
    f =
        new DateTimeFormatterBuilder()
            .append(f)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.SMART);
    try {
      java.time.temporal.TemporalAccessor parsed = f.parse(text);
      if (parsed.isSupported(ChronoField.DAY_OF_MONTH) && !existingDay(f, text)) {
        throw new FormatException("Datetime Parse Error: ParseError(OutOfRange)");
      }
      if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
        // %s: seconds since the epoch
        return parsed.getLong(ChronoField.INSTANT_SECONDS) * 1_000_000_000L
            + parsed.getLong(ChronoField.NANO_OF_SECOND);
      }
      Instant instant =
          hasZone(fmt)
              ? OffsetDateTime.from(parsed).toInstant()
              : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (java.time.DateTimeException e) {
      throw new FormatException("Datetime Parse Error: ParseError(" + chronoKind(e, text) + ")");
    }
  }

  /** False for a day the month does not have (e.g. 30 February), which chrono rejects. */
  private static boolean existingDay(DateTimeFormatter f, String text) {
    try {
      f.withResolverStyle(ResolverStyle.STRICT).parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return !String.valueOf(e.getMessage()).contains("Invalid date");
    }
  }

  /** The kind of chrono's {@code ParseError} that matches why Java could not parse. */
  private static String chronoKind(java.time.DateTimeException e, String text) {
    String message = String.valueOf(e.getMessage());
    if (!(e instanceof DateTimeParseException p)) {
      return "NotEnough";
    }
    if (message.contains("unparsed text found")) {
      return "TooLong";
    }
    if (message.contains("could not be parsed at index")) {
      return p.getErrorIndex() >= text.length() ? "TooShort" : "Invalid";
    }
    return message.contains("Unable to obtain") ? "NotEnough" : "OutOfRange";
  }

  static String format(long nanos, String fmt) throws FormatException {
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    return formatter(fmt).format(instant.atOffset(ZoneOffset.UTC));
  }
}
