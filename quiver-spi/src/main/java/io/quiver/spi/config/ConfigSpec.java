package io.quiver.spi.config;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The declared configuration keys of one plugin, or the fields of one record-valued key ({@link
 * ConfigKey#withFields}). {@link #validate} checks a whole config block and reports every problem
 * at once, in one wording, naming nested keys by their path ({@code tls.cert}).
 */
public final class ConfigSpec {
  private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
  private final CrossCheck crossCheck;

  public ConfigSpec(List<ConfigKey> keys) {
    this(keys, null);
  }

  private ConfigSpec(List<ConfigKey> keys, CrossCheck crossCheck) {
    for (ConfigKey k : keys) {
      if (this.keys.put(k.name(), k) != null) {
        throw new IllegalArgumentException("duplicate configuration key " + k.name());
      }
    }
    this.crossCheck = crossCheck;
  }

  public static ConfigSpec of(ConfigKey... keys) {
    return new ConfigSpec(List.of(keys));
  }

  /**
   * This spec with a check of how its keys fit together, run once every key is valid (and, for the
   * fields of a record, none is unknown).
   */
  public ConfigSpec withCheck(CrossCheck check) {
    return new ConfigSpec(List.copyOf(keys.values()), check);
  }

  public List<ConfigKey> keys() {
    return List.copyOf(keys.values());
  }

  /** A constraint between several keys of one block or record. */
  @FunctionalInterface
  public interface CrossCheck {
    /**
     * Returns why the keys of {@code config} do not fit together, or {@code null} when they do.
     *
     * @param name the name to show for a key: its dotted path, e.g. {@code tls.cafile} for {@code
     *     cafile} in the record {@code tls}
     */
    String problem(Config config, UnaryOperator<String> name);
  }

  /** The result of a validation: a config when {@code problems} is empty, plus unknown keys. */
  public record Validation(Config config, List<ConfigProblem> problems, List<String> unknownKeys) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Validates a config block. Unknown top-level keys are not problems (callers warn about them);
   * unknown fields of a record-valued key are.
   *
   * @param block the artefact's {@code config:} value, or {@code null} when absent
   */
  public Validation validate(Value block) {
    return validate(block, List.of(), false);
  }

  /**
   * The config of a record that passed validation as the value of a key with these fields (absent
   * fields get their defaults); {@link Config#record} gives the same for a nested key.
   *
   * @throws IllegalArgumentException listing the problems when it did not
   */
  public Config parse(Value record) {
    Validation v = validate(record, List.of(), true);
    if (!v.ok()) {
      throw new IllegalArgumentException(
          String.join("; ", v.problems().stream().map(ConfigProblem::message).toList()));
    }
    return v.config();
  }

  /**
   * Validates {@code block} found at the key path {@code at}; for the fields of a record-valued key
   * ({@code fields} true) unknown keys are problems, else they are only listed.
   */
  private Validation validate(Value block, List<String> at, boolean fields) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Map<String, Value> given = new LinkedHashMap<>();
    if (block instanceof Value.Obj o) {
      given.putAll(o.fields());
    } else if (block != null && block != Value.NULL) {
      problems.add(ConfigProblem.notARecord(at, block));
      return new Validation(null, problems, unknown);
    }
    Map<String, Value> values = new HashMap<>();
    Map<String, Config> records = new HashMap<>();
    for (ConfigKey key : keys.values()) {
      List<String> path = child(at, key.name());
      Value v = given.get(key.name());
      if (v == null || v == Value.NULL) {
        if (key.required()) {
          problems.add(ConfigProblem.missing(path));
        } else if (key.defaultValue() != null) {
          values.put(key.name(), key.defaultValue());
        }
        continue;
      }
      if (!key.type().accepts(v)) {
        problems.add(ConfigProblem.wrongType(path, v, key.type()));
        continue;
      }
      if (key.fields() != null) {
        Validation inner = key.fields().validate(v, path, true);
        if (!inner.ok()) {
          List<String> causes = inner.problems().stream().map(ConfigProblem::message).toList();
          problems.add(ConfigProblem.invalid(path, v, String.join("; ", causes), inner.problems()));
          continue;
        }
        records.put(key.name(), inner.config());
      }
      String p = key.check().problem(v);
      if (p != null) {
        problems.add(ConfigProblem.invalid(path, v, p, List.of()));
        continue;
      }
      values.put(key.name(), v);
    }
    for (String name : given.keySet()) {
      if (!keys.containsKey(name)) {
        if (fields) {
          problems.add(ConfigProblem.unknown(child(at, name), List.copyOf(keys.keySet())));
        } else {
          unknown.add(name);
        }
      }
    }
    Config config = new Config(values, records);
    if (problems.isEmpty() && crossCheck != null) {
      String p = crossCheck.problem(config, name -> ConfigProblem.dotted(child(at, name)));
      if (p != null) {
        problems.add(ConfigProblem.crossCheck(at, p));
      }
    }
    return new Validation(problems.isEmpty() ? config : null, problems, unknown);
  }

  private static List<String> child(List<String> path, String name) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(name);
    return List.copyOf(out);
  }
}
