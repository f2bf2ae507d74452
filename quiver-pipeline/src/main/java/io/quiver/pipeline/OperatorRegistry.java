package io.quiver.pipeline;

import io.quiver.spi.config.ConfigSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The built-in operators by Tremor name: the one list of what a Trickle {@code define
 * <module>::<operation> operator} may name. What is registered here is supported; the compiler's
 * unknown-operator error and the reference docs list these names.
 */
final class OperatorRegistry {
  private OperatorRegistry() {}

  private static final Map<String, OperatorKind> KINDS =
      byName(
          PassthroughOperator.KIND,
          CounterOperator.KIND,
          BatchOperator.KIND,
          BucketOperator.KIND,
          HistoryOperator.KIND,
          BackpressureOperator.KIND,
          PercentileOperator.KIND,
          RoundRobinOperator.KIND,
          WalOperator.KIND);

  /** Tremor 0.11's old name of {@code qos::backpressure}, still accepted with an error logged. */
  private static final String DEPRECATED_BACKPRESSURE = "generic::backpressure";

  private static Map<String, OperatorKind> byName(OperatorKind... kinds) {
    Map<String, OperatorKind> m = new LinkedHashMap<>();
    for (OperatorKind k : kinds) {
      m.put(k.name(), k);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The operator called {@code name} ({@code module::operation}), or null when there is none. */
  static OperatorKind find(String name) {
    if (name.equals(DEPRECATED_BACKPRESSURE)) {
      // Tremor 0.11 still accepts the old name, with an error in its log
      LoggerFactory.getLogger(PipelineCompiler.class)
          .error(
              "The generic::backpressure operator is depricated, please use qos::backpressure instread.");
      return KINDS.get(BackpressureOperator.KIND.name());
    }
    return KINDS.get(name);
  }

  /** The names of all operators, in registration order, comma separated (for error messages). */
  static String names() {
    return String.join(", ", KINDS.keySet());
  }

  /** The declared config keys of every operator, by name, in registration order. */
  static Map<String, ConfigSpec> configSpecs() {
    Map<String, ConfigSpec> m = new LinkedHashMap<>();
    KINDS.forEach((name, k) -> m.put(name, k.configSpec()));
    return Collections.unmodifiableMap(m);
  }
}
