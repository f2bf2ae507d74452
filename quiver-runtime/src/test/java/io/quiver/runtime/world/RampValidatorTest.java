package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.ConfigFile;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.config.YamlConfigReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RampValidatorTest {
  private static final Registry REGISTRY = Registry.load();
  private final RampValidator validator = new RampValidator(REGISTRY);
  private final Problems problems = new Problems();

  private RampSpec offramp(String yaml) {
    ConfigFile file = YamlConfigReader.read("config.yaml", "offramp:\n" + yaml, problems);
    assertThat(problems.isEmpty()).as("the YAML reads").isTrue();
    return file.offramps().get(0);
  }

  private List<String> problems() {
    return problems.list().stream().map(Problem::toString).toList();
  }

  @Test
  void aValidRampGetsItsConfigAndTheTypesDefaultCodec() {
    Optional<ValidatedRamp> ramp =
        validator.offramp(
            offramp("  - id: out\n    type: memory\n    config:\n      echo: true\n"), problems);

    assertThat(problems()).isEmpty();
    assertThat(ramp).isPresent();
    assertThat(ramp.get().codec()).isEqualTo("json");
    assertThat(ramp.get().config().bool("echo")).isTrue();
  }

  @Test
  void everyUnknownFormatIsReported() {
    Optional<ValidatedRamp> ramp =
        validator.offramp(
            offramp(
                "  - id: out\n    type: memory\n    codec: nope\n"
                    + "    preprocessors: [pre]\n    postprocessors: [post]\n"),
            problems);

    assertThat(ramp).isEmpty();
    assertThat(problems())
        .containsExactly(
            "config.yaml:4:12: /offramp/out: Codec 'nope' not found. Known codecs: "
                + String.join(", ", REGISTRY.codecNames()),
            "config.yaml:5:20: /offramp/out: Preprocessor 'pre' not found. Known preprocessors: "
                + String.join(", ", REGISTRY.preprocessorNames()),
            "config.yaml:6:21: /offramp/out: Postprocessor 'post' not found. Known postprocessors: "
                + String.join(", ", REGISTRY.postprocessorNames()));
  }

  @Test
  void anUnknownTypeStillHasItsFormatsChecked() {
    RampSpec spec = offramp("  - id: out\n    type: nope\n    codec: nope\n");

    assertThat(validator.offramp(spec, problems)).isEmpty();
    assertThat(problems())
        .containsExactly(
            "config.yaml:3:11: /offramp/out: Offramp nope not known\n  known offramp types: "
                + String.join(", ", REGISTRY.sinkNames()),
            "config.yaml:4:12: /offramp/out: Codec 'nope' not found. Known codecs: "
                + String.join(", ", REGISTRY.codecNames()));
  }

  @Test
  void aConfigThatDoesNotFitTheTypeIsAProblem() {
    RampSpec spec = offramp("  - id: out\n    type: memory\n    config:\n      echo: 3\n");

    assertThat(validator.offramp(spec, problems)).isEmpty();
    assertThat(problems())
        .containsExactly(
            "config.yaml:5:7: /offramp/out: invalid value 3 for configuration echo: expected a"
                + " boolean (true or false)");
  }
}
