package io.quiver.spi.config;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared configuration keys of one plugin. {@link #validate} checks a whole config block and
 * reports every problem at once, in one wording.
 */
public final class ConfigSpec {
  private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

  public ConfigSpec(List<ConfigKey> keys) {
    for (ConfigKey k : keys) {
      if (this.keys.put(k.name(), k) != null) {
        throw new IllegalArgumentException("duplicate configuration key " + k.name());
      }
    }
  }

  public static ConfigSpec of(ConfigKey... keys) {
    return new ConfigSpec(List.of(keys));
  }

  public List<ConfigKey> keys() {
    return List.copyOf(keys.values());
  }

  /** The result of a validation: a config when {@code problems} is empty, plus unknown keys. */
  public record Validation(Config config, List<ConfigProblem> problems, List<String> unknownKeys) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Validates a config block.
   *
   * @param block the artefact's {@code config:} value, or {@code null} when absent
   */
  public Validation validate(Value block) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Map<String, Value> given = new LinkedHashMap<>();
    if (block instanceof Value.Obj o) {
      given.putAll(o.fields());
    } else if (block != null && block != Value.NULL) {
      problems.add(
          new ConfigProblem(
              null,
              "invalid configuration: expected a record of key: value pairs, got "
                  + block.typeName()));
      return new Validation(null, problems, unknown);
    }
    Map<String, Value> values = new HashMap<>();
    for (ConfigKey key : keys.values()) {
      Value v = given.get(key.name());
      if (v == null || v == Value.NULL) {
        if (key.required()) {
          problems.add(
              new ConfigProblem(
                  key.name(),
                  "missing required configuration \""
                      + key.name()
                      + "\" which has no default value"));
        } else if (key.defaultValue() != null) {
          values.put(key.name(), key.defaultValue());
        }
        continue;
      }
      if (!key.type().accepts(v)) {
        problems.add(
            new ConfigProblem(
                key.name(),
                "invalid value "
                    + Json.write(v)
                    + " for configuration "
                    + key.name()
                    + ": expected "
                    + key.type().description()));
        continue;
      }
      String p = key.check().problem(v);
      if (p != null) {
        problems.add(
            new ConfigProblem(
                key.name(),
                "invalid value " + Json.write(v) + " for configuration " + key.name() + ": " + p));
        continue;
      }
      values.put(key.name(), v);
    }
    for (String name : given.keySet()) {
      if (!keys.containsKey(name)) {
        unknown.add(name);
      }
    }
    return new Validation(problems.isEmpty() ? new Config(values) : null, problems, unknown);
  }
}
