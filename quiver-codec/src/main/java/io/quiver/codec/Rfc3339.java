package io.quiver.codec;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Strict RFC 3339 date-times ({@code 2003-10-11T22:14:15.003Z}, {@code ...+02:00}) as epoch
 * nanoseconds.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /** The instant in epoch nanoseconds, or null when {@code t} is not RFC 3339. */
  static Long parse(String t) {
    if (t.length() < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || "Tt".indexOf(t.charAt(10)) < 0
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = num(t, 0, 4);
    int month = num(t, 5, 2);
    int day = num(t, 8, 2);
    int hour = num(t, 11, 2);
    int minute = num(t, 14, 2);
    int second = num(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || second > 60) {
      return null;
    }
    int i = 19;
    long nanos = 0;
    if (t.charAt(i) == '.') {
      i++;
      int digits = 0;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        if (digits < 9) {
          nanos = nanos * 10 + (t.charAt(i) - '0');
        }
        digits++;
        i++;
      }
      if (digits == 0) {
        return null;
      }
      for (int d = digits; d < 9; d++) {
        nanos *= 10;
      }
    }
    if (i >= t.length()) {
      return null;
    }
    int offsetSeconds;
    char z = t.charAt(i);
    if ((z == 'Z' || z == 'z') && i + 1 == t.length()) {
      offsetSeconds = 0;
    } else if ((z == '+' || z == '-') && i + 6 == t.length() && t.charAt(i + 3) == ':') {
      int oh = num(t, i + 1, 2);
      int om = num(t, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) {
        return null;
      }
      offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    try {
      int leap = second == 60 ? 1 : 0;
      long epoch =
          LocalDateTime.of(year, month, day, hour, minute, second - leap)
                  .toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds))
              + leap;
      return Math.multiplyExact(epoch, 1_000_000_000L) + nanos;
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static int num(String t, int from, int length) {
    int v = 0;
    for (int i = from; i < from + length; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Chrono's {@code to_rfc3339}: 0, 3, 6 or 9 fraction digits as needed, offset {@code +00:00}. */
  static String format(long epochNs) {
    long seconds = Math.floorDiv(epochNs, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNs, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(35);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      b.append(year < 0 ? '-' : '+');
    }
    pad(b, Math.abs(year), 4).append('-');
    pad(b, t.getMonthValue(), 2).append('-');
    pad(b, t.getDayOfMonth(), 2).append('T');
    pad(b, t.getHour(), 2).append(':');
    pad(b, t.getMinute(), 2).append(':');
    pad(b, t.getSecond(), 2);
    if (nanos != 0) {
      b.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(b, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        pad(b, nanos / 1_000, 6);
      } else {
        pad(b, nanos, 9);
      }
    }
    return b.append("+00:00").toString();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}
