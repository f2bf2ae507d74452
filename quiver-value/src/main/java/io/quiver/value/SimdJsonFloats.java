package io.quiver.value;

/**
 * Reads a JSON number with a fraction or an exponent as simd-json 0.4.7 does (its {@code
 * numberparse.rs}), which Tremor 0.11.12's json codec uses: with fewer than 19 characters of sign
 * and digits, the digits as one integer times a power of ten from a table of doubles; otherwise
 * (its slow path) the integer part, plus the fraction summed digit by digit, times that power of
 * ten. Both are sometimes a unit in the last place off the exact value ({@code -85.534101} reads as
 * {@code -85.53410099999999}); used only when {@link TremorJson} is on.
 */
final class SimdJsonFloats {
  /** simd-json's {@code POWER_OF_TEN}: 1e-323 .. 1e308, each the double nearest to it. */
  private static final double[] POWER_OF_TEN = new double[632];

  static {
    for (int i = 0; i < POWER_OF_TEN.length; i++) {
      POWER_OF_TEN[i] = Double.parseDouble("1e" + (i - 323));
    }
  }

  private SimdJsonFloats() {}

  /**
   * The value of the well-formed number in {@code in[start, end)} (the reader has checked it), or
   * NaN when simd-json refuses it (an exponent beyond its table on the slow path).
   */
  static double read(byte[] in, int start, int end) {
    boolean negative = in[start] == '-';
    int p = negative ? start + 1 : start;
    long digits = 0;
    int digitCount = 0;
    int fractionDigits = 0;
    while (p < end && isDigit(in[p])) {
      digits = digits * 10 + (in[p] - '0');
      digitCount++;
      p++;
    }
    if (p < end && in[p] == '.') {
      p++;
      while (p < end && isDigit(in[p])) {
        digits = digits * 10 + (in[p] - '0');
        digitCount++;
        fractionDigits++;
        p++;
      }
    }
    int exp = 0;
    if (p < end && (in[p] == 'e' || in[p] == 'E')) {
      p++;
      boolean negExp = false;
      if (in[p] == '-' || in[p] == '+') {
        negExp = in[p] == '-';
        p++;
      }
      while (p < end && isDigit(in[p])) {
        exp = exp * 10 + (in[p] - '0');
        p++;
      }
      exp = negExp ? -exp : exp;
    }
    if ((negative ? 1 : 0) + digitCount >= 19) {
      return slowPath(in, start, end);
    }
    if (digits == 0) {
      return 0.0; // simd-json gives +0.0, also for -0.0
    }
    int exponent = exp - fractionDigits;
    if (exponent > 308 || exponent < -323) {
      return slowPath(in, start, end);
    }
    double d = (double) digits * POWER_OF_TEN[323 + exponent];
    return negative ? d * -1.0 : d;
  }

  /** simd-json's {@code parse_float}. */
  private static double slowPath(byte[] in, int start, int end) {
    boolean negative = in[start] == '-';
    int p = negative ? start + 1 : start;
    double i = 0;
    while (p < end && isDigit(in[p])) {
      i = 10.0 * i + (in[p] - '0');
      p++;
    }
    if (p < end && in[p] == '.') {
      p++;
      long fraction = in[p] - '0';
      long weight = 10;
      p++;
      while (p < end
          && isDigit(in[p])
          && Long.compareUnsigned(weight, 10_000_000_000_000_000L) <= 0) {
        weight *= 10;
        fraction = fraction * 10 + (in[p] - '0');
        p++;
      }
      double fractionWeight = unsignedToDouble(weight);
      double f = unsignedToDouble(fraction) / fractionWeight;
      while (p < end && isDigit(in[p])) {
        fractionWeight *= 10.0;
        f += (in[p] - '0') / fractionWeight;
        p++;
      }
      i += f;
    }
    if (p < end && (in[p] == 'e' || in[p] == 'E')) {
      p++;
      boolean negExp = false;
      if (in[p] == '-' || in[p] == '+') {
        negExp = in[p] == '-';
        p++;
      }
      int exp = 0;
      while (p < end && isDigit(in[p])) {
        exp = exp * 10 + (in[p] - '0');
        p++;
      }
      exp = negExp ? -exp : exp;
      if (exp > 308 || exp < -323) {
        return Double.NaN;
      }
      i *= POWER_OF_TEN[323 + exp];
    }
    return negative ? -i : i;
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
