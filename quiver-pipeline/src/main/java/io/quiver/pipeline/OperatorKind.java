package io.quiver.pipeline;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A built-in operator type ({@code qos::backpressure}, {@code generic::counter}, ...): its Tremor
 * name, its declared config keys, checks that involve several keys, and how to make instances. Each
 * operator class declares its kind as {@code static final OperatorKind KIND = OperatorKind.of(
 * ...)}; every kind is listed once, in {@link OperatorRegistry}.
 *
 * @param name the Tremor name, e.g. {@code qos::backpressure}
 * @param configSpec the declared keys of the operator's {@code with} parameters
 * @param crossChecks problems that involve several keys of a valid config (each key alone being
 *     valid); empty when fine
 * @param factories the settings for one {@code create operator} from its node id and validated
 *     config, as a factory shared by all pipeline instances
 */
record OperatorKind(
    String name,
    ConfigSpec configSpec,
    Function<Config, List<String>> crossChecks,
    BiFunction<String, Config, Factory> factories) {

  /** A kind whose keys can be checked one by one. */
  static OperatorKind of(
      String name, ConfigSpec configSpec, BiFunction<String, Config, Factory> factories) {
    return new OperatorKind(name, configSpec, config -> List.of(), factories);
  }

  /** A kind with checks involving several keys. */
  static OperatorKind of(
      String name,
      ConfigSpec configSpec,
      Function<Config, List<String>> crossChecks,
      BiFunction<String, Config, Factory> factories) {
    return new OperatorKind(name, configSpec, crossChecks, factories);
  }

  /** Problems that involve several keys (each key alone being valid); empty when fine. */
  List<String> crossCheck(Config config) {
    return crossChecks.apply(config);
  }

  /** Settings for one {@code create operator}, from a validated config; shared by all instances. */
  Factory settings(String nodeId, Config config) {
    return factories.apply(nodeId, config);
  }

  /**
   * Checks the {@code with} parameters of the {@code create operator} node {@code nodeId} against
   * the declaration, reporting every problem at once: the factory when they are valid, else the
   * error message; unknown keys are warnings either way (Tremor ignores them).
   */
  Configured configure(String nodeId, Map<String, Value> given) {
    ConfigSpec.Validation v = configSpec.validate(Value.obj(new LinkedHashMap<>(given)));
    List<String> warnings = new ArrayList<>();
    for (String unknown : v.unknownKeys()) {
      warnings.add(
          "Unknown configuration key `"
              + unknown
              + "` of "
              + name
              + " operator `"
              + nodeId
              + "` is ignored "
              + knownKeys());
    }
    List<String> problems = new ArrayList<>();
    for (ConfigProblem p : v.problems()) {
      problems.add(p.message());
    }
    if (v.ok()) {
      problems.addAll(crossCheck(v.config()));
    }
    if (!problems.isEmpty()) {
      String error =
          "Invalid configuration of "
              + name
              + " operator `"
              + nodeId
              + "`: "
              + String.join("; ", problems);
      return new Configured(null, error, warnings);
    }
    return new Configured(settings(nodeId, v.config()), null, warnings);
  }

  /** {@code (known keys: a, b)}, or that the operator takes none. */
  private String knownKeys() {
    List<String> keys = configSpec.keys().stream().map(ConfigKey::name).toList();
    return keys.isEmpty()
        ? "(it takes no configuration)"
        : "(known keys: " + String.join(", ", keys) + ")";
  }

  /** The outcome of {@link #configure}: exactly one of {@code factory} and {@code error} is set. */
  record Configured(Factory factory, String error, List<String> warnings) {}

  /** Makes operator instances for one node. */
  @FunctionalInterface
  interface Factory {
    /** A fresh instance with the pipeline-wide unique {@code uid}. */
    Operator create(long uid);
  }
}
