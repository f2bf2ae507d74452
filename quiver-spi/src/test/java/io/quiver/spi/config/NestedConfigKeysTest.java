package io.quiver.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record-valued keys declared with their own fields ({@link ConfigKey#withFields}). */
class NestedConfigKeysTest {
  private static final ConfigSpec TLS =
      ConfigSpec.of(
              ConfigKey.required("cert", ConfigType.STRING, "certificate"),
              ConfigKey.optional("mode", ConfigType.STRING, Value.of("none"), "mode")
                  .withCheck(Check.oneOf(List.of("none", "require"))),
              ConfigKey.optional("ca", ConfigType.STRING, null, "CAs"))
          .withCheck(
              (c, name) ->
                  c.string("mode").equals("require") && !c.has("ca")
                      ? name.apply("mode") + " require needs " + name.apply("ca")
                      : null);

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("port", ConfigType.INTEGER, "port"),
          ConfigKey.optional("tls", ConfigType.RECORD, null, "TLS").withFields(TLS),
          ConfigKey.optional("outer", ConfigType.RECORD, null, "two levels")
              .withFields(
                  ConfigSpec.of(
                      ConfigKey.optional("tls", ConfigType.RECORD, null, "inner TLS")
                          .withFields(TLS))));

  @Test
  void aValidRecordIsAConfigOfItsOwnWithDefaults() {
    ConfigSpec.Validation v =
        SPEC.validate(Value.obj("port", Value.of(1), "tls", Value.obj("cert", Value.of("c.pem"))));
    assertThat(v.ok()).isTrue();
    Config tls = v.config().record("tls");
    assertThat(tls.string("cert")).isEqualTo("c.pem");
    assertThat(tls.string("mode")).isEqualTo("none");
    assertThat(tls.has("ca")).isFalse();
    assertThat(v.config().get("tls")).isEqualTo(Value.obj("cert", Value.of("c.pem")));
    assertThat(v.config().record("outer")).isNull();
  }

  @Test
  void problemsOfFieldsCarryTheirPathAndNameItDotted() {
    ConfigSpec.Validation v =
        SPEC.validate(
            Value.obj(
                "port",
                Value.of(1),
                "tls",
                Value.obj("mode", Value.of("maybe"), "crt", Value.of("x"))));
    ConfigProblem tls = v.problems().get(0);
    assertThat(v.problems()).hasSize(1);
    assertThat(tls.path()).containsExactly("tls");
    assertThat(tls.key()).isEqualTo("tls");
    assertThat(tls.causes())
        .extracting(ConfigProblem::path)
        .containsExactly(List.of("tls", "cert"), List.of("tls", "mode"), List.of("tls", "crt"));
    assertThat(tls.causes())
        .extracting(ConfigProblem::dottedKey)
        .containsExactly("tls.cert", "tls.mode", "tls.crt");
    assertThat(tls.message())
        .isEqualTo(
            "invalid value {\"mode\":\"maybe\",\"crt\":\"x\"} for configuration tls: missing required"
                + " configuration \"tls.cert\" which has no default value; invalid value \"maybe\" for"
                + " configuration tls.mode: value must be one of none, require; unknown key tls.crt"
                + " (known keys: cert, mode, ca)");
  }

  @Test
  void twoLevelsDeepThePathHasThreeNames() {
    ConfigSpec.Validation v =
        SPEC.validate(
            Value.obj(
                "port", Value.of(1), "outer", Value.obj("tls", Value.obj("cert", Value.of(7)))));
    ConfigProblem cert = v.problems().get(0).causes().get(0).causes().get(0);
    assertThat(cert.path()).containsExactly("outer", "tls", "cert");
    assertThat(cert.message())
        .isEqualTo("invalid value 7 for configuration outer.tls.cert: expected a string");
  }

  @Test
  void theCrossCheckRunsOnceTheFieldsAreValidAndNamesThemByPath() {
    ConfigSpec.Validation v =
        SPEC.validate(
            Value.obj(
                "port",
                Value.of(1),
                "tls",
                Value.obj("cert", Value.of("c"), "mode", Value.of("require"))));
    assertThat(v.problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "invalid value {\"cert\":\"c\",\"mode\":\"require\"} for configuration tls: tls.mode"
                + " require needs tls.ca");
    assertThat(v.problems().get(0).causes())
        .extracting(ConfigProblem::path)
        .containsExactly(List.of("tls"));
  }

  @Test
  void unknownTopLevelKeysStayWarningsButUnknownFieldsAreProblems() {
    ConfigSpec.Validation v = SPEC.validate(Value.obj("port", Value.of(1), "prot", Value.of(2)));
    assertThat(v.ok()).isTrue();
    assertThat(v.unknownKeys()).containsExactly("prot");
  }

  @Test
  void aRecordThatIsNotARecordIsATypeProblem() {
    assertThat(SPEC.validate(Value.obj("port", Value.of(1), "tls", Value.of("yes"))).problems())
        .containsExactly(
            new ConfigProblem(
                "tls",
                "invalid value \"yes\" for configuration tls: expected a record (key: value pairs)"));
  }

  @Test
  void parseGivesTheFieldsOfAValidRecordAndRefusesAnInvalidOne() {
    assertThat(TLS.parse(Value.obj("cert", Value.of("c"))).string("mode")).isEqualTo("none");
    assertThatThrownBy(() -> TLS.parse(Value.obj("cert", Value.of("c"), "x", Value.of(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key x (known keys: cert, mode, ca)");
  }

  @Test
  void onlyRecordKeysHaveFields() {
    assertThatThrownBy(
            () -> ConfigKey.optional("port", ConfigType.INTEGER, null, "port").withFields(TLS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration key port has fields but is not of type RECORD");
  }

  @Test
  void readableFileAndStringValuesChecks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("f.pem"), "x");
    assertThat(Check.readableFile().problem(Value.of(file.toString()))).isNull();
    assertThat(Check.readableFile().problem(Value.of(dir.resolve("no.pem").toString())))
        .isEqualTo("file not found");
    assertThat(Check.readableFile().problem(Value.of(dir.toString())))
        .isEqualTo("not a readable file");
    assertThat(Check.stringValues().problem(Value.obj("a", Value.of("x"), "b", Value.of(1))))
        .isEqualTo("the values of b must be strings");
    assertThat(Check.stringValues().problem(Value.obj("a", Value.of("x")))).isNull();
  }
}
