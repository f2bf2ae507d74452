package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorKindTest {
  final List<String> crossChecked = new ArrayList<>();

  final OperatorKind kind =
      OperatorKind.of(
          "test::op",
          ConfigSpec.of(
              ConfigKey.required("a", ConfigType.INTEGER, "a"),
              ConfigKey.optional("b", ConfigType.STRING, Value.of("x"), "b")),
          config -> {
            crossChecked.add(config.string("b"));
            return config.integer("a") > 9
                ? List.of("a is too big for " + config.string("b"))
                : List.of();
          },
          (nodeId, config) -> uid -> new CounterOperator());

  static Map<String, Value> config(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(
          (String) kv[i],
          kv[i + 1] instanceof Integer n ? Value.of(n) : Value.of((String) kv[i + 1]));
    }
    return m;
  }

  @Test
  void aValidConfigGivesAFactoryAndWarnsOfUnknownKeys() {
    OperatorKind.Configured c = kind.configure("n", config("a", 1, "colour", "red"));

    assertThat(c.error()).isNull();
    assertThat(c.factory()).isNotNull();
    assertThat(c.warnings())
        .containsExactly(
            "Unknown configuration key `colour` of test::op operator `n` is ignored (known keys: a, b)");
    assertThat(crossChecked).containsExactly("x");
  }

  @Test
  void everyKeyProblemIsReportedAtOnceWithoutCrossChecks() {
    OperatorKind.Configured c = kind.configure("n", config("b", 2));

    assertThat(c.factory()).isNull();
    assertThat(c.error())
        .isEqualTo(
            "Invalid configuration of test::op operator `n`: missing required configuration \"a\""
                + " which has no default value; invalid value 2 for configuration b: expected a"
                + " string");
    assertThat(crossChecked).isEmpty();
  }

  @Test
  void crossCheckProblemsAreErrorsToo() {
    OperatorKind.Configured c = kind.configure("n", config("a", 10, "b", "y"));

    assertThat(c.factory()).isNull();
    assertThat(c.error())
        .isEqualTo("Invalid configuration of test::op operator `n`: a is too big for y");
  }
}
