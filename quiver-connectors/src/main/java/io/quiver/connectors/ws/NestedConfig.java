package io.quiver.connectors.ws;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A record-valued configuration key (e.g. {@code tls}) whose fields are declared like top-level
 * keys. Its check validates every field and reports all problems at once, naming fields with their
 * full dotted name ({@code tls.cert}); unknown fields are problems too, since a typo in a security
 * setting must not be ignored silently.
 */
final class NestedConfig {
  private final String name;
  private final ConfigSpec fields;
  private final Function<Config, String> crossCheck;

  NestedConfig(String name, ConfigSpec fields, Function<Config, String> crossCheck) {
    this.name = name;
    this.fields = fields;
    this.crossCheck = crossCheck;
  }

  /** The check for the record key. */
  Check check() {
    return v -> {
      if (!(v instanceof Value.Obj)) {
        return null;
      }
      ConfigSpec.Validation validation = fields.validate(v);
      List<String> problems = new ArrayList<>();
      for (ConfigProblem p : validation.problems()) {
        problems.add(qualify(p));
      }
      for (String unknown : validation.unknownKeys()) {
        problems.add(
            "unknown key "
                + name
                + "."
                + unknown
                + " (known keys: "
                + String.join(", ", fields.keys().stream().map(ConfigKey::name).toList())
                + ")");
      }
      if (problems.isEmpty() && crossCheck != null) {
        String p = crossCheck.apply(validation.config());
        if (p != null) {
          problems.add(p);
        }
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    };
  }

  /** The validated fields of a record value that passed {@link #check()}. */
  Config parse(Value v) {
    return fields.validate(v).config();
  }

  /** A doc line listing the fields, appended to the record key's doc. */
  String fieldsDoc() {
    List<String> parts = new ArrayList<>();
    for (ConfigKey k : fields.keys()) {
      String def =
          k.defaultValue() == null ? "" : " (default " + Json.write(k.defaultValue()) + ")";
      parts.add(k.name() + def + ": " + k.doc());
    }
    return " Fields: " + String.join(" ", parts);
  }

  private String qualify(ConfigProblem p) {
    if (p.key() == null) {
      return p.message();
    }
    return p.message()
        .replace(
            "for configuration " + p.key() + ":", "for configuration " + name + "." + p.key() + ":")
        .replace(
            "configuration \"" + p.key() + "\"", "configuration \"" + name + "." + p.key() + "\"");
  }

  /** A check that a string names a readable regular file. */
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

  /** A check that every field of a record is a string. */
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
}
