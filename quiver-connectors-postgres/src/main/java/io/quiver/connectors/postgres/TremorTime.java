package io.quiver.connectors.postgres;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The timestamp texts of Tremor's postgres connectors: its cursor format ({@code %Y-%m-%d
 * %H:%M:%S%.6f %:z}, e.g. {@code 2019-12-01 00:00:00.000000 +00:00}), which {@code consume_from},
 * the cursor file and the offramp's {@code TIMESTAMPTZ}/{@code TIMESTAMP} values are read in, and
 * chrono's display form the onramp writes timestamps in ({@code 2020-02-10 20:02:02 +00:00}, with
 * 3, 6 or 9 fraction digits when the time has a fraction).
 */
final class TremorTime {
  private static final DateTimeFormatter DAY_SECOND =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private TremorTime() {}

  /** Why a timestamp text cannot be read; the message is chrono's wording. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  /** {@code t} in the cursor format: always six fraction digits and a {@code ±hh:mm} offset. */
  static String cursor(OffsetDateTime t) {
    return DAY_SECOND.format(t)
        + "."
        + String.format("%06d", t.getNano() / 1000)
        + " "
        + offset(t.getOffset());
  }

  /**
   * {@code t} as chrono displays a {@code DateTime<FixedOffset>}: {@code 2020-02-10 20:02:02
   * +00:00}.
   */
  static String display(OffsetDateTime t) {
    return DAY_SECOND.format(t) + fraction(t.getNano()) + " " + offset(t.getOffset());
  }

  /**
   * {@code t}, a UTC time, as chrono displays a {@code DateTime<Utc>}: {@code ... 20:02:02 UTC}.
   */
  static String displayUtc(LocalDateTime t) {
    return DAY_SECOND.format(t) + fraction(t.getNano()) + " UTC";
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    if (nanos % 1_000_000 == 0) {
      return String.format(".%03d", nanos / 1_000_000);
    }
    if (nanos % 1_000 == 0) {
      return String.format(".%06d", nanos / 1_000);
    }
    return String.format(".%09d", nanos);
  }

  private static String offset(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    char sign = seconds < 0 ? '-' : '+';
    int abs = Math.abs(seconds);
    return String.format("%c%02d:%02d", sign, abs / 3600, (abs / 60) % 60);
  }

  /**
   * Reads {@code YYYY-MM-DD HH:MM:SS[.fraction] ±hh:mm} (the fraction optional, 1 to 9 digits;
   * blanks around the offset as chrono allows). {@code UTC} is taken for {@code +00:00} (what the
   * onramp writes for a {@code TIMESTAMP} column).
   */
  static OffsetDateTime parse(String text) throws ParseException {
    Scanner s = new Scanner(text);
    int year = s.digits(4);
    s.expect('-');
    int month = s.digits(2);
    s.expect('-');
    int day = s.digits(2);
    s.expect(' ');
    int hour = s.digits(2);
    s.expect(':');
    int minute = s.digits(2);
    s.expect(':');
    int second = s.digits(2);
    int nanos = 0;
    if (s.peek() == '.') {
      s.pos++;
      int start = s.pos;
      while (s.pos < text.length() && Character.isDigit(text.charAt(s.pos)) && s.pos - start < 9) {
        s.pos++;
      }
      if (s.pos == start) {
        throw s.invalid();
      }
      String f = text.substring(start, s.pos);
      nanos = Integer.parseInt((f + "000000000").substring(0, 9));
    }
    s.blanks();
    ZoneOffset offset;
    if (text.startsWith("UTC", s.pos)) {
      s.pos += 3;
      offset = ZoneOffset.UTC;
    } else {
      char sign = s.next();
      if (sign != '+' && sign != '-') {
        throw s.invalid();
      }
      int oh = s.digits(2);
      s.expect(':');
      int om = s.digits(2);
      int total = oh * 3600 + om * 60;
      if (oh > 23 || om > 59) {
        throw new ParseException("input is out of range");
      }
      offset = ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
    }
    if (s.pos != text.length()) {
      throw new ParseException("trailing input");
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (java.time.DateTimeException e) {
      throw new ParseException("input is out of range");
    }
  }

  private static final class Scanner {
    private final String text;
    private int pos;

    Scanner(String text) {
      this.text = text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    char next() throws ParseException {
      if (pos >= text.length()) {
        throw new ParseException("premature end of input");
      }
      return text.charAt(pos++);
    }

    void expect(char c) throws ParseException {
      if (next() != c) {
        throw invalid();
      }
    }

    void blanks() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    int digits(int n) throws ParseException {
      int v = 0;
      for (int i = 0; i < n; i++) {
        char c = next();
        if (c < '0' || c > '9') {
          throw invalid();
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    ParseException invalid() {
      return new ParseException("input contains invalid characters");
    }
  }
}
