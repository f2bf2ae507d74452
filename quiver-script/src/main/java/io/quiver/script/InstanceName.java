package io.quiver.script;

/**
 * The process's instance name, Tremor's global {@code -i/--instance} (default {@code tremor}): what
 * {@code system::instance()} returns. Set once at start by the command line.
 */
public final class InstanceName {
  /** Tremor's default. */
  public static final String DEFAULT = "tremor";

  private static volatile String name = DEFAULT;

  private InstanceName() {}

  public static String get() {
    return name;
  }

  /**
   * Sets the name for the whole process.
   *
   * @throws IllegalArgumentException when {@code value} is null or empty
   */
  public static void set(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the instance name must not be empty");
    }
    name = value;
  }
}
