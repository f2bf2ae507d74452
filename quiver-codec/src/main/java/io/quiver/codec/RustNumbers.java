package io.quiver.codec;

import java.util.regex.Pattern;

/**
 * Number parsing with Rust's {@code str::parse} grammar and error texts, for codecs whose errors
 * Tremor shows verbatim (statsd, influx).
 */
final class RustNumbers {
  private static final Pattern FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

  private RustNumbers() {}

  /** A parse failure with Rust's message, e.g. {@code invalid digit found in string}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** {@code i64::from_str}: optional sign, then ASCII digits. */
  static long parseI64(String s) throws Invalid {
    return parseInteger(s, true);
  }

  /** {@code u64::from_str} limited to what a long holds; larger values are "too large". */
  static long parseU64AsLong(String s) throws Invalid {
    return parseInteger(s, false);
  }

  private static long parseInteger(String s, boolean signed) throws Invalid {
    if (s.isEmpty()) {
      throw new Invalid("cannot parse integer from empty string");
    }
    int i = 0;
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '+' || (first == '-' && signed)) {
      negative = first == '-';
      i = 1;
      if (s.length() == 1) {
        throw new Invalid("invalid digit found in string");
      }
    }
    long value = 0;
    for (; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new Invalid("invalid digit found in string");
      }
      // accumulate negatively so that Long.MIN_VALUE fits
      if (value < (Long.MIN_VALUE + d) / 10) {
        throw new Invalid(
            negative
                ? "number too small to fit in target type"
                : "number too large to fit in target type");
      }
      value = value * 10 - d;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw new Invalid("number too large to fit in target type");
      }
      return -value;
    }
    return value;
  }

  /** {@code f64::from_str}. */
  static double parseF64(String s) throws Invalid {
    if (s.isEmpty()) {
      throw new Invalid("cannot parse float from empty string");
    }
    if (!FLOAT.matcher(s).matches()) {
      throw new Invalid("invalid float literal");
    }
    String body = s.charAt(0) == '+' || s.charAt(0) == '-' ? s.substring(1) : s;
    boolean negative = s.charAt(0) == '-';
    double magnitude;
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      magnitude = Double.POSITIVE_INFINITY;
    } else if (body.equalsIgnoreCase("nan")) {
      magnitude = Double.NaN;
    } else {
      magnitude = Double.parseDouble(body);
    }
    return negative ? -magnitude : magnitude;
  }
}
