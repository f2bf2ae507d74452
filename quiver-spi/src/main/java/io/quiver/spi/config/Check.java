package io.quiver.spi.config;

import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A constraint on a configuration value that already has the right type. */
@FunctionalInterface
public interface Check {

  /** Returns why {@code value} is invalid, or {@code null} when it is fine. */
  String problem(Value value);

  static Check none() {
    return v -> null;
  }

  static Check between(long min, long max) {
    return v ->
        v instanceof Value.Int i && (i.value() < min || i.value() > max)
            ? "value must be between " + min + " and " + max
            : null;
  }

  static Check atLeast(long min) {
    return v ->
        v instanceof Value.Int i && i.value() < min ? "value must be at least " + min : null;
  }

  static Check oneOf(List<String> allowed) {
    return v ->
        v instanceof Value.Str s && !allowed.contains(s.value())
            ? "value must be one of " + String.join(", ", allowed)
            : null;
  }

  static Check notEmpty() {
    return v -> v instanceof Value.Str s && s.value().isEmpty() ? "value must not be empty" : null;
  }

  /** A string that names a readable regular file. */
  static Check readableFile() {
    return v -> {
      if (!(v instanceof Value.Str s)) {
        return null;
      }
      Path p = Path.of(s.value());
      if (!Files.exists(p)) {
        return "file not found";
      }
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        return "not a readable file";
      }
      return null;
    };
  }

  /** A record whose every field is a string (e.g. headers). */
  static Check stringValues() {
    return v -> {
      if (!(v instanceof Value.Obj o)) {
        return null;
      }
      List<String> bad = new ArrayList<>();
      o.fields()
          .forEach(
              (k, val) -> {
                if (!(val instanceof Value.Str)) {
                  bad.add(k);
                }
              });
      return bad.isEmpty() ? null : "the values of " + String.join(", ", bad) + " must be strings";
    };
  }

  /** Both checks; the first problem wins. */
  default Check and(Check other) {
    return v -> {
      String p = problem(v);
      return p != null ? p : other.problem(v);
    };
  }
}
