package io.quiver.value;

/**
 * Formats doubles the way Rust's ryu crate does (Tremor writes floats with it): the shortest digits
 * that round-trip, {@code 1.0} for integral values, plain notation for decimal exponents from -5 to
 * 16 and {@code 1e21} / {@code 1.5e-7} style (no '+', lower-case 'e') beyond.
 */
public final class FloatText {
  private FloatText() {}

  /**
   * The ryu text of a finite double; NaN and infinities give {@code NaN}, {@code inf}, {@code
   * -inf}.
   */
  public static String ryuStyle(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    boolean negative = (Double.doubleToRawLongBits(d) < 0);
    if (d == 0) {
      return negative ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest round-tripping digits (JDK 19+).
    String javaText = Double.toString(Math.abs(d));
    int e = javaText.indexOf('E');
    String mantissa = e < 0 ? javaText : javaText.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(javaText, e + 1, javaText.length(), 10);
    int dot = mantissa.indexOf('.');
    StringBuilder digits = new StringBuilder(mantissa.length());
    digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
    int point = dot + exponent; // value = 0.<digits> * 10^point
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    int trail = digits.length();
    while (trail > lead + 1 && digits.charAt(trail - 1) == '0') {
      trail--;
    }
    String ds = digits.substring(lead, trail);
    point -= lead;
    if (ds.length() == 2) {
      // Java prints at least two digits (4.9E-324) where ryu finds a one-digit form (5e-324).
      String shorter = oneDigitForm(Math.abs(d), ds, point);
      if (shorter != null) {
        return shorter.equals("10")
            ? layout(negative, "1", point + 1)
            : layout(negative, shorter, point);
      }
    }
    return layout(negative, ds, point);
  }

  /** A one-digit decimal that reads back as {@code abs}, nearest first; null when none does. */
  private static String oneDigitForm(double abs, String twoDigits, int point) {
    int first = twoDigits.charAt(0) - '0';
    boolean upFirst = twoDigits.charAt(1) >= '5';
    for (int attempt = 0; attempt < 2; attempt++) {
      int candidate = (attempt == 0) == upFirst ? first + 1 : first;
      if (Double.parseDouble(candidate + "E" + (point - 1)) == abs) {
        return candidate == 10 ? "10" : String.valueOf(candidate);
      }
    }
    return null;
  }

  private static String layout(boolean negative, String digits, int kk) {
    int length = digits.length();
    int k = kk - length;
    StringBuilder out = new StringBuilder(length + 24);
    if (negative) {
      out.append('-');
    }
    if (k >= 0 && kk <= 16) {
      out.append(digits).repeat('0', k).append(".0");
    } else if (kk > 0 && kk <= 16) {
      out.append(digits, 0, kk).append('.').append(digits, kk, length);
    } else if (kk > -5 && kk <= 0) {
      out.append("0.").repeat('0', -kk).append(digits);
    } else if (length == 1) {
      out.append(digits).append('e').append(kk - 1);
    } else {
      out.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(kk - 1);
    }
    return out.toString();
  }
}
