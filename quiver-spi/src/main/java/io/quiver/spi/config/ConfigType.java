package io.quiver.spi.config;

import io.quiver.value.Value;

/** The type of a configuration value, with the wording used in problems. */
public enum ConfigType {
  STRING("a string"),
  INTEGER("an integer"),
  INTEGER_LIST("a list of integers"),
  FLOAT("a number"),
  BOOL("a boolean (true or false)"),
  STRING_LIST("a list of strings"),
  RECORD("a record (key: value pairs)"),
  ANY("any value");

  private final String description;

  ConfigType(String description) {
    this.description = description;
  }

  /** How problems name the type: "expected an integer". */
  public String description() {
    return description;
  }

  public boolean accepts(Value value) {
    return switch (this) {
      case STRING -> value instanceof Value.Str;
      case INTEGER -> value instanceof Value.Int;
      case FLOAT -> value instanceof Value.Int || value instanceof Value.Float;
      case BOOL -> value instanceof Value.Bool;
      case INTEGER_LIST ->
          value instanceof Value.Arr a && a.items().stream().allMatch(v -> v instanceof Value.Int);
      case STRING_LIST ->
          value instanceof Value.Arr a && a.items().stream().allMatch(v -> v instanceof Value.Str);
      case RECORD -> value instanceof Value.Obj;
      case ANY -> true;
    };
  }
}
