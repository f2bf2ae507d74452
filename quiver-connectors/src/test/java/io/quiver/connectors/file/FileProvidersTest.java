package io.quiver.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.process.ExitProvider;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tremor 0.11.12's keys, defaults and codecs of the file onramp and offramp and the exit offramp.
 */
class FileProvidersTest {
  @TempDir Path dir;

  private static List<String> problems(ConfigSpec spec, Value block) {
    return spec.validate(block).problems().stream().map(ConfigProblem::message).toList();
  }

  @Test
  void theOnrampNeedsASourceAndDefaultsToKeepRunningWithoutSleep() throws IOException {
    FileOnrampProvider provider = new FileOnrampProvider();
    assertThat(provider.name()).isEqualTo("file");
    assertThat(provider.defaultCodec()).isEqualTo("json");
    assertThat(provider.requiresConfig()).isTrue();
    Path in = Files.writeString(dir.resolve("in.json"), "{}\n");
    ConfigSpec.Validation v =
        provider.configSpec().validate(Value.obj("source", Value.of(in.toString())));
    assertThat(v.problems()).isEmpty();
    assertThat(v.config().bool(FileOnrampProvider.CLOSE_ON_DONE)).isFalse();
    assertThat(v.config().integer(FileOnrampProvider.SLEEP_ON_DONE)).isZero();
    assertThat(problems(provider.configSpec(), Value.EMPTY_OBJECT)).hasSize(1);
  }

  @Test
  void theOnrampReportsEveryBadKeyAtOnce() {
    List<String> problems =
        problems(
            new FileOnrampProvider().configSpec(),
            Value.obj(
                "source", Value.of(dir.resolve("missing.json").toString()),
                "sleep_on_done", Value.of(-1),
                "close_on_done", Value.of("yes")));
    assertThat(problems).hasSize(3);
    assertThat(String.join("\n", problems))
        .contains("cannot read " + dir.resolve("missing.json") + ": no such file")
        .contains("value must be at least 0");
  }

  @Test
  void theOfframpNeedsAFileInAnExistingDirectory() {
    FileOfframpProvider provider = new FileOfframpProvider();
    assertThat(provider.name()).isEqualTo("file");
    assertThat(provider.defaultCodec()).isEqualTo("json");
    assertThat(
            problems(
                provider.configSpec(),
                Value.obj("file", Value.of(dir.resolve("out.log").toString()))))
        .isEmpty();
    assertThat(
            problems(
                provider.configSpec(),
                Value.obj("file", Value.of(dir.resolve("x/out.log").toString()))))
        .singleElement()
        .asString()
        .contains("does not exist (create it first;");
    assertThat(problems(provider.configSpec(), Value.EMPTY_OBJECT)).hasSize(1);
  }

  @Test
  void theExitOfframpTakesNoConfiguration() {
    ExitProvider provider = new ExitProvider();
    assertThat(provider.name()).isEqualTo("exit");
    assertThat(provider.defaultCodec()).isEqualTo("json");
    assertThat(provider.requiresConfig()).isFalse();
    assertThat(provider.configSpec().keys()).isEmpty();
  }
}
