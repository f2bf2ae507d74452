package io.quiver.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {
  private final ConfigSpec spec =
      ConfigSpec.of(
          ConfigKey.required("host", ConfigType.STRING, "interface to listen on"),
          ConfigKey.required("port", ConfigType.INTEGER, "port to listen on")
              .withCheck(Check.between(1, 65535)),
          ConfigKey.optional("binary", ConfigType.BOOL, Value.FALSE, "send binary frames"));

  @Test
  void validConfigGetsDefaults() {
    ConfigSpec.Validation v =
        spec.validate(Value.obj("host", Value.of("127.0.0.1"), "port", Value.of(8139)));
    assertThat(v.ok()).isTrue();
    assertThat(v.config().string("host")).isEqualTo("127.0.0.1");
    assertThat(v.config().integer("port")).isEqualTo(8139);
    assertThat(v.config().bool("binary")).isFalse();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigSpec.Validation v =
        spec.validate(
            Value.obj("port", Value.of(-1), "binary", Value.of("yes"), "prot", Value.of(1)));
    assertThat(v.ok()).isFalse();
    assertThat(v.problems())
        .containsExactly(
            new ConfigProblem(
                "host", "missing required configuration \"host\" which has no default value"),
            new ConfigProblem(
                "port",
                "invalid value -1 for configuration port: value must be between 1 and 65535"),
            new ConfigProblem(
                "binary",
                "invalid value \"yes\" for configuration binary: expected a boolean (true or false)"));
    assertThat(v.unknownKeys()).containsExactly("prot");
  }

  @Test
  void absentBlockMeansEveryRequiredKeyIsMissing() {
    assertThat(spec.validate(null).problems())
        .extracting(ConfigProblem::key)
        .containsExactly("host", "port");
  }

  @Test
  void blockMustBeARecord() {
    assertThat(spec.validate(Value.of("x")).problems())
        .containsExactly(
            new ConfigProblem(
                null, "invalid configuration: expected a record of key: value pairs, got string"));
  }
}
