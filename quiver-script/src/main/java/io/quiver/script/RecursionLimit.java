package io.quiver.script;

/**
 * The process-wide recursion limit of tremor-script, Tremor's {@code -r/--recursion-limit} (default
 * 1024, tremor-script/src/lib.rs {@code RECURSION_LIMIT}). It bounds how often one function
 * invocation may {@code recur} (Tremor's count: the {@code limit}-th {@code recur} fails with
 * {@code Recursion limit Reached}) and, in Quiver, how deeply user function calls may nest (a
 * function may call itself by name, which Tremor does not allow).
 */
public final class RecursionLimit {
  /** Tremor's default. */
  public static final int DEFAULT = 1024;

  /** The largest limit accepted (a sanity bound: a recursion that deep is a runaway). */
  public static final int MAX = 1_000_000;

  private static volatile int limit = DEFAULT;

  private RecursionLimit() {}

  public static int get() {
    return limit;
  }

  /**
   * Sets the limit for every script of the process (as Tremor's CLI does once at start).
   *
   * @throws IllegalArgumentException unless {@code 1 <= value <= MAX}
   */
  public static void set(int value) {
    if (value < 1 || value > MAX) {
      throw new IllegalArgumentException(
          "invalid recursion limit " + value + ": it must be between 1 and " + MAX);
    }
    limit = value;
  }
}
