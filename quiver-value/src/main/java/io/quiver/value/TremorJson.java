package io.quiver.value;

/**
 * Whether this process reads and writes JSON exactly as Tremor 0.11.12 does, for users whose checks
 * compare Tremor's output byte for byte (Tremor's own integration suite does): records in Tremor's
 * key order ({@link KeyOrder}) and numbers with a fraction or exponent read as simd-json 0.4.7
 * reads them ({@link SimdJsonFloats}), which is sometimes one unit in the last place off the exact
 * value. Off by default (insertion order, exact numbers); chosen once per process ({@code server
 * run --tremor-json}, {@code QUIVER_TREMOR_JSON=true}) before any event flows.
 */
public final class TremorJson {
  private static volatile boolean enabled;

  private TremorJson() {}

  /** Switches Tremor's JSON on or off for this process. */
  public static void enable(boolean on) {
    enabled = on;
  }

  /** True when JSON follows Tremor's key order and number reading. */
  public static boolean enabled() {
    return enabled;
  }
}
