package io.quiver.value;

import java.util.regex.Pattern;

/**
 * Number parsing and rounding as Tremor 0.11 does them in Rust, with Rust's error texts: {@code
 * str::parse} of the Rust 1.52 standard library (Tremor 0.11.12's {@code rust-toolchain}) for the
 * script's {@code integer::parse}, {@code float::parse}, dissect's {@code %{n:}} and {@code %{f:}}
 * and the statsd codec, and the {@code lexical} crate for the influx codec. The codec and the
 * script share this one parser; where the callers' Rust code differs, the caller says which rule it
 * needs ({@link FloatSpecials}).
 *
 * <p>Known differences from Rust 1.52 (inputs nobody writes): it refused with {@code invalid float
 * literal} a number needing more than about 375 intermediate digits, and read an exponent of 18 or
 * more digits as infinity or zero whatever the mantissa; Java's exact conversion is used instead.
 */
public final class RustNumbers {
  private RustNumbers() {}

  /** A parse failed; the message is Rust's, e.g. {@code invalid digit found in string}. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      // no stack trace: dissect tries conversions in its matching loop
      super(message, null, false, false);
    }
  }

  /** Which spellings of infinity and NaN a float parse accepts, each with an optional sign. */
  public enum FloatSpecials {
    /**
     * Exactly {@code inf} and {@code NaN}: Rust 1.52's {@code dec2flt} falls back to these two
     * literals when the text is no decimal ({@code core::num::dec2flt}, before Rust 1.55 accepted
     * {@code infinity} and any case). Tremor 0.11's {@code float::parse} ({@code
     * tremor-script/src/std_lib/float.rs}), dissect 0.2's {@code %{f:}} and the statsd codec
     * ({@code src/codec/statsd.rs}, value and sample rate) all use {@code str::parse::<f64>}.
     */
    RUST_STD,
    /**
     * {@code inf}, {@code infinity} and {@code nan} in any case: tremor-influx 0.11 parses field
     * values with {@code lexical::parse::<f64>} ({@code tremor-influx/src/decoder.rs}), and
     * lexical-core 0.7 matches the special values case-insensitively.
     */
    ANY_CASE
  }

  private static final Pattern DECIMAL =
      Pattern.compile("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  /** {@code i64::from_str}: an optional sign, then ASCII digits, nothing else. */
  public static long parseI64(String s) throws ParseException {
    return parseInteger(s, true);
  }

  /**
   * {@code u64::from_str} limited to what a long holds: an optional {@code +}, then ASCII digits;
   * values above {@link Long#MAX_VALUE} are "too large".
   */
  public static long parseU64AsLong(String s) throws ParseException {
    return parseInteger(s, false);
  }

  /**
   * Rust's {@code from_str_radix}: digit by digit from the left, so an overflow is found before a
   * bad character after it ({@code 99999999999999999999x} is too large, not an invalid digit).
   */
  private static long parseInteger(String s, boolean signed) throws ParseException {
    if (s.isEmpty()) {
      throw new ParseException("cannot parse integer from empty string");
    }
    int i = 0;
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      if (s.length() == 1) {
        throw new ParseException("invalid digit found in string");
      }
      if (first == '+' || signed) {
        negative = first == '-';
        i = 1;
      }
    }
    long value = 0; // accumulated negatively, so that Long.MIN_VALUE fits
    for (; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new ParseException("invalid digit found in string");
      }
      if (value < (Long.MIN_VALUE + d) / 10) {
        throw new ParseException(
            negative
                ? "number too small to fit in target type"
                : "number too large to fit in target type");
      }
      value = value * 10 - d;
    }
    if (negative) {
      return value;
    }
    if (value == Long.MIN_VALUE) {
      throw new ParseException("number too large to fit in target type");
    }
    return -value;
  }

  /**
   * {@code f64::from_str}: an optional sign, then digits with an optional fraction and exponent (at
   * least one digit before or after the point), or one of the special values {@code specials}
   * allows. No whitespace, no hexadecimal, no type suffix.
   */
  public static double parseF64(String s, FloatSpecials specials) throws ParseException {
    if (s.isEmpty()) {
      throw new ParseException("cannot parse float from empty string");
    }
    char first = s.charAt(0);
    boolean negative = first == '-';
    String body = first == '-' || first == '+' ? s.substring(1) : s;
    double magnitude;
    if (DECIMAL.matcher(body).matches()) {
      magnitude = Double.parseDouble(body);
    } else if (isInfinity(body, specials)) {
      magnitude = Double.POSITIVE_INFINITY;
    } else if (isNaN(body, specials)) {
      magnitude = Double.NaN;
    } else {
      throw new ParseException("invalid float literal");
    }
    return negative ? -magnitude : magnitude;
  }

  private static boolean isInfinity(String body, FloatSpecials specials) {
    return switch (specials) {
      case RUST_STD -> body.equals("inf");
      case ANY_CASE -> body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity");
    };
  }

  private static boolean isNaN(String body, FloatSpecials specials) {
    return switch (specials) {
      case RUST_STD -> body.equals("NaN");
      case ANY_CASE -> body.equalsIgnoreCase("nan");
    };
  }

  /** {@code f64::round}: to the nearest integer, halves away from zero. */
  public static double round(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d;
    }
    double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
    double fraction = Math.abs(d - whole);
    return fraction >= 0.5 ? whole + Math.signum(d) : whole;
  }
}
