package io.quiver.spi.config;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration: every declared key has a value or is absent (optional, no default).
 */
public final class Config {
  private final Map<String, Value> values;
  private final Map<String, Config> records;

  Config(Map<String, Value> values, Map<String, Config> records) {
    this.values = Map.copyOf(values);
    this.records = Map.copyOf(records);
  }

  public static Config of(Map<String, Value> values) {
    return new Config(values, Map.of());
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * The validated fields of a record-valued key declared with {@link ConfigKey#withFields} (absent
   * fields with their defaults), or {@code null} when the key is absent.
   */
  public Config record(String key) {
    return records.get(key);
  }

  public Value get(String key) {
    return values.get(key);
  }

  public String string(String key) {
    Value v = values.get(key);
    return v == null ? null : ((Value.Str) v).value();
  }

  public long integer(String key) {
    return ((Value.Int) values.get(key)).value();
  }

  public double number(String key) {
    return switch (values.get(key)) {
      case Value.Int i -> i.value();
      case Value.Float f -> f.value();
      default -> throw new IllegalStateException(key + " is not a number");
    };
  }

  public boolean bool(String key) {
    return ((Value.Bool) values.get(key)).value();
  }

  public List<String> strings(String key) {
    Value v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof Value.Arr a) {
      for (Value item : a.items()) {
        out.add(((Value.Str) item).value());
      }
    }
    return out;
  }
}
