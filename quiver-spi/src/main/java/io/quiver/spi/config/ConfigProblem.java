package io.quiver.spi.config;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;

/**
 * One thing wrong with a configuration, at a key path: {@code [port]} for a top-level key, {@code
 * [tls, cert]} for the field {@code cert} of the record-valued key {@code tls}. Messages name the
 * key by its dotted path ({@code tls.cert}), built from the path by the factories below.
 *
 * @param path the offending key and the record keys it is nested in, outermost first; empty for a
 *     problem with the whole block
 * @param message the problem, without the artefact prefix, e.g. {@code invalid value -1 for
 *     configuration port: value must be between 1 and 65535}
 * @param causes for a record-valued key, the problems of its fields (their messages are part of
 *     this one's); empty otherwise
 */
public record ConfigProblem(List<String> path, String message, List<ConfigProblem> causes) {

  public ConfigProblem {
    path = List.copyOf(path);
    causes = List.copyOf(causes);
  }

  /** A problem with a top-level {@code key} (or with the whole block when {@code key} is null). */
  public ConfigProblem(String key, String message) {
    this(key == null ? List.of() : List.of(key), message, List.of());
  }

  /**
   * The top-level key the problem is under (for locating it in the source file), or {@code null}
   * for the whole block.
   */
  public String key() {
    return path.isEmpty() ? null : path.get(0);
  }

  /** The path as users write it: {@code tls.cert}. */
  public String dottedKey() {
    return dotted(path);
  }

  static String dotted(List<String> path) {
    return String.join(".", path);
  }

  static ConfigProblem notARecord(List<String> path, Value block) {
    return new ConfigProblem(
        path,
        "invalid configuration: expected a record of key: value pairs, got " + block.typeName(),
        List.of());
  }

  static ConfigProblem missing(List<String> path) {
    return new ConfigProblem(
        path,
        "missing required configuration \"" + dotted(path) + "\" which has no default value",
        List.of());
  }

  static ConfigProblem wrongType(List<String> path, Value value, ConfigType expected) {
    return invalid(path, value, "expected " + expected.description(), List.of());
  }

  static ConfigProblem invalid(
      List<String> path, Value value, String reason, List<ConfigProblem> causes) {
    return new ConfigProblem(
        path,
        "invalid value " + Json.write(value) + " for configuration " + dotted(path) + ": " + reason,
        causes);
  }

  static ConfigProblem unknown(List<String> path, List<String> known) {
    return new ConfigProblem(
        path,
        "unknown key " + dotted(path) + " (known keys: " + String.join(", ", known) + ")",
        List.of());
  }

  static ConfigProblem crossCheck(List<String> path, String message) {
    return new ConfigProblem(path, message, List.of());
  }
}
