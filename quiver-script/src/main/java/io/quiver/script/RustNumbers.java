package io.quiver.script;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Number parsing and rounding as the Rust standard library (1.52, Tremor 0.11's toolchain) does
 * them, with its error texts, for {@code integer::parse}, {@code float::parse} and {@code
 * math::round}.
 */
final class RustNumbers {
  private RustNumbers() {}

  /** A parse failed; the message is Rust's. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[0-9]+\\.?[0-9]*([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?");
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** {@code str::parse::<i64>}: an optional sign and decimal digits, nothing else. */
  static long parseI64(String s) throws ParseException {
    if (s.isEmpty()) {
      throw new ParseException("cannot parse integer from empty string");
    }
    if (!DIGITS.matcher(s).matches()) {
      throw new ParseException("invalid digit found in string");
    }
    BigInteger n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
    if (n.compareTo(MAX) > 0) {
      throw new ParseException("number too large to fit in target type");
    }
    if (n.compareTo(MIN) < 0) {
      throw new ParseException("number too small to fit in target type");
    }
    return n.longValue();
  }

  /**
   * {@code str::parse::<f64>}: an optional sign, then digits with an optional fraction and exponent
   * (at least one digit before or after the point), or exactly {@code inf} / {@code NaN}. No
   * whitespace, no hexadecimal, no type suffix.
   */
  static double parseF64(String s) throws ParseException {
    if (s.isEmpty()) {
      throw new ParseException("cannot parse float from empty string");
    }
    boolean negative = s.charAt(0) == '-';
    String body = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
    double value;
    if (body.equals("inf")) {
      value = Double.POSITIVE_INFINITY;
    } else if (body.equals("NaN")) {
      value = Double.NaN;
    } else if (DECIMAL.matcher(body).matches()) {
      value = Double.parseDouble(body);
    } else {
      throw new ParseException("invalid float literal");
    }
    return negative ? -value : value;
  }

  /** {@code f64::round}: to the nearest integer, halves away from zero. */
  static double round(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d;
    }
    double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
    double fraction = Math.abs(d - whole);
    return fraction >= 0.5 ? whole + Math.signum(d) : whole;
  }
}
