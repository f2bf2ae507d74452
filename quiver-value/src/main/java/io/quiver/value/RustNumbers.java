package io.quiver.value;

import java.util.regex.Pattern;

/**
 * Number parsing and rounding as Tremor 0.11 does them in Rust, with Rust's error texts: {@code
 * str::parse} of the Rust 1.52 standard library (Tremor 0.11.12's {@code rust-toolchain}) for the
 * script's {@code integer::parse}, {@code float::parse}, dissect's {@code %{n:}} and {@code %{f:}}
 * and the statsd codec, and the {@code lexical} crate for the influx codec. The codec and the
 * script share this one parser; where the callers' Rust code differs, the caller says which float
 * parser it follows ({@link FloatDialect}).
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

  /**
   * Whose float parser to follow. Both read the same decimals; they differ in the spellings of
   * infinity and NaN they take (each with an optional sign) and in Rust 1.52's limits.
   */
  public enum FloatDialect {
    /**
     * Rust 1.52's {@code str::parse::<f64>} ({@code core::num::dec2flt} before Rust 1.55 rewrote
     * it): exactly {@code inf} and {@code NaN}, no {@code infinity}, no other case; a number whose
     * conversion needs more than 375 intermediate digits (e.g. 180 digits after the point) is an
     * {@code invalid float literal}; an exponent of 18 digits or more is infinity (positive) or
     * zero (negative) whatever the digits before it. Tremor 0.11's {@code float::parse} ({@code
     * tremor-script/src/std_lib/float.rs}), dissect 0.2's {@code %{f:}} and the statsd codec
     * ({@code src/codec/statsd.rs}, value and sample rate) all use it.
     */
    RUST_STD,
    /**
     * The {@code lexical} crate (lexical-core 0.7): {@code inf}, {@code infinity} and {@code nan}
     * in any case, and no digit limit. tremor-influx 0.11 parses float field values with {@code
     * lexical::parse::<f64>} ({@code tremor-influx/src/decoder.rs}).
     */
    LEXICAL
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
   * least one digit before or after the point), or one of the special values {@code dialect}
   * allows. No whitespace, no hexadecimal, no type suffix.
   */
  public static double parseF64(String s, FloatDialect dialect) throws ParseException {
    if (s.isEmpty()) {
      throw new ParseException("cannot parse float from empty string");
    }
    char first = s.charAt(0);
    boolean negative = first == '-';
    String body = first == '-' || first == '+' ? s.substring(1) : s;
    double magnitude;
    if (DECIMAL.matcher(body).matches()) {
      magnitude =
          dialect == FloatDialect.RUST_STD ? rustStdDecimal(body) : Double.parseDouble(body);
    } else if (isInfinity(body, dialect)) {
      magnitude = Double.POSITIVE_INFINITY;
    } else if (isNaN(body, dialect)) {
      magnitude = Double.NaN;
    } else {
      throw new ParseException("invalid float literal");
    }
    return negative ? -magnitude : magnitude;
  }

  /** Below this many intermediate digits Rust 1.52 converts (its big integers hold ~385). */
  private static final int RUST_MAX_DIGITS = 375;

  /** Rust 1.52's f64 {@code INF_CUTOFF} and {@code ZERO_CUTOFF} (decimal places of the value). */
  private static final int INF_CUTOFF = 310;

  private static final int ZERO_CUTOFF = -326;

  /**
   * A decimal (matching {@link #DECIMAL}) as Rust 1.52's {@code dec2flt} reads it: its shortcut for
   * 18-digit exponents and its refusal of inputs beyond {@link #RUST_MAX_DIGITS}; every other value
   * is the correctly rounded one, as Java's.
   */
  private static double rustStdDecimal(String body) throws ParseException {
    if (body.length() <= 17) {
      // at most 17 digits and no 18-digit exponent: within the limit whatever the exponent
      return Double.parseDouble(body);
    }
    int expAt = Math.max(body.indexOf('e'), body.indexOf('E'));
    String mantissa = expAt < 0 ? body : body.substring(0, expAt);
    long exp = 0;
    if (expAt >= 0) {
      String digits = body.substring(expAt + 1);
      boolean negative = digits.charAt(0) == '-';
      if (negative || digits.charAt(0) == '+') {
        digits = digits.substring(1);
      }
      digits = digits.substring(leadingZeros(digits));
      if (digits.length() >= 18) {
        return negative ? 0.0 : Double.POSITIVE_INFINITY;
      }
      exp = digits.isEmpty() ? 0 : Long.parseLong(digits);
      exp = negative ? -exp : exp;
    }
    int dot = mantissa.indexOf('.');
    String integral = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String fractional = dot < 0 ? "" : mantissa.substring(dot + 1);
    // dec2flt's simplify: zeros that only move the point
    integral = integral.substring(leadingZeros(integral));
    fractional = fractional.substring(0, fractional.length() - trailingZeros(fractional));
    if (integral.isEmpty()) {
      int zeros = leadingZeros(fractional);
      fractional = fractional.substring(zeros);
      exp -= zeros;
    } else if (fractional.isEmpty()) {
      int zeros = trailingZeros(integral);
      integral = integral.substring(0, integral.length() - zeros);
      exp += zeros;
    }
    long maxPlace = exp + integral.length();
    boolean trivial =
        (integral.isEmpty() && fractional.isEmpty())
            || maxPlace > INF_CUTOFF
            || maxPlace < ZERO_CUTOFF;
    if (!trivial) {
      long digits = integral.length() + fractional.length();
      long e = exp - fractional.length();
      long bound = e >= 0 ? digits + e : digits - e + 17;
      if (bound > RUST_MAX_DIGITS) {
        throw new ParseException("invalid float literal");
      }
    }
    return Double.parseDouble(body);
  }

  private static int leadingZeros(String digits) {
    int n = 0;
    while (n < digits.length() && digits.charAt(n) == '0') {
      n++;
    }
    return n;
  }

  private static int trailingZeros(String digits) {
    int n = 0;
    while (n < digits.length() && digits.charAt(digits.length() - 1 - n) == '0') {
      n++;
    }
    return n;
  }

  private static boolean isInfinity(String body, FloatDialect dialect) {
    return switch (dialect) {
      case RUST_STD -> body.equals("inf");
      case LEXICAL -> body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity");
    };
  }

  private static boolean isNaN(String body, FloatDialect dialect) {
    return switch (dialect) {
      case RUST_STD -> body.equals("NaN");
      case LEXICAL -> body.equalsIgnoreCase("nan");
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
