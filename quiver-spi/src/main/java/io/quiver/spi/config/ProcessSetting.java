package io.quiver.spi.config;

import java.util.function.Function;

/**
 * A process-wide setting: a JVM system property ({@code -Dname=value} on the {@code java} command
 * line, or in {@code QUIVER_JAVA_OPTS}) that a plugin reads once, declared like a config key with
 * its name, type, default and doc, so the reference docs list it. Plugins name the settings they
 * read in their provider ({@code processSettings()}).
 *
 * <p>A value that does not parse is not fatal: the plugin uses its default and logs the warning
 * that {@link #read} words ({@code ignoring -Dname=value: why; using default}).
 *
 * @param name the property name, e.g. {@code quiver.transport}
 * @param type the values it takes, as the docs show them, e.g. {@code a positive integer}
 * @param defaultValue the default, as the docs show it
 * @param doc what it sets
 * @param invalid why a value was refused, as the warning says it: {@code not a positive number of
 *     threads}
 * @param parser the value of a property text, or {@code null} (or an {@link
 *     IllegalArgumentException}) when the text is invalid
 * @param <T> the type of a parsed value
 */
public record ProcessSetting<T>(
    String name,
    String type,
    String defaultValue,
    String doc,
    String invalid,
    Function<String, T> parser) {

  /**
   * The outcome of reading the property.
   *
   * @param value the parsed value, or the fallback
   * @param warning what to log when the text was refused, or {@code null}
   */
  public record Reading<T>(T value, String warning) {}

  /** The property's text in this JVM, or {@code null} when it is not set. */
  public String raw() {
    return System.getProperty(name);
  }

  /**
   * The value of {@code raw}: {@code fallback} when it is null or refused (then with a warning that
   * names the property, the text, why and {@code fallbackText}), else the parsed value.
   */
  public Reading<T> read(String raw, T fallback, String fallbackText) {
    if (raw == null) {
      return new Reading<>(fallback, null);
    }
    T value;
    try {
      value = parser.apply(raw);
    } catch (IllegalArgumentException notValid) {
      value = null;
    }
    if (value != null) {
      return new Reading<>(value, null);
    }
    return new Reading<>(
        fallback, "ignoring -D" + name + "=" + raw + ": " + invalid + "; using " + fallbackText);
  }

  /** A parser of positive whole numbers (surrounding blanks allowed); null for anything else. */
  public static Long positiveLong(String text) {
    long n = Long.parseLong(text.trim());
    return n > 0 ? n : null;
  }
}
