package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken deployment exits 1 with every problem, precisely, then Tremor's shutdown line. */
class ServerRunConfigErrorsTest {
  /** The plugins on the class path: the lists in "not found" messages name them all. */
  private static final io.quiver.runtime.Registry REGISTRY = io.quiver.runtime.Registry.load();

  @TempDir Path tmp;

  private static final String PROXY =
      """
      onramp:
        - id: ws
          type: ws
          linked: true
          codec: string
          preprocessors: [lines]
          config:
            host: 127.0.0.1
            port: 1
      offramp:
        - id: upstream
          type: ws
          linked: true
          codec: string
          postprocessors: [lines]
          config:
            url: "ws://localhost:2"
      binding:
        - id: main
          links:
            "/onramp/ws/{instance}/out": ["/pipeline/pass_in/{instance}/in"]
            "/pipeline/pass_in/{instance}/out": ["/offramp/upstream/{instance}/in"]
            "/offramp/upstream/{instance}/out": ["/pipeline/pass_out/{instance}/in"]
            "/pipeline/pass_out/{instance}/out": ["/onramp/ws/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  private record Outcome(int exitCode, String stderr) {}

  private Outcome run(String yaml) throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    Path passIn = tmp.resolve("pass_in.trickle");
    Files.writeString(passIn, "select event from in into out;\n");
    Path passOut = tmp.resolve("pass_out.trickle");
    Files.writeString(passOut, "select event from in into out;\n");
    ServerRunCommand options = new ServerRunCommand();
    options.files = List.of(passIn, passOut, config);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // a deployment that (wrongly) starts would run forever: fail instead of hanging
    int code =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30),
            () -> ServerRunner.run(options, new PrintStream(err, true, StandardCharsets.UTF_8)),
            "the broken deployment started instead of failing");
    return new Outcome(code, err.toString(StandardCharsets.UTF_8).replace(tmp + "/", ""));
  }

  private static void assertFails(Outcome outcome, String... lines) {
    assertThat(outcome.exitCode()).isEqualTo(1);
    StringBuilder expected = new StringBuilder();
    for (String l : lines) {
      expected.append("error: ").append(l).append('\n');
    }
    expected.append("We are SHUTTING DOWN due to errors during initialization!\n");
    assertThat(outcome.stderr()).isEqualTo(expected.toString());
  }

  @Test
  void deeplyNestedYamlIsOnePlacedProblemNotAStackTrace() throws Exception {
    StringBuilder deep =
        new StringBuilder(PROXY.replace("      port: 1\n", "      port: 1\n      x:\n"));
    int at = deep.indexOf("      x:\n") + "      x:\n".length();
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      nested.append("  ".repeat(i + 4)).append("a:\n");
    }
    deep.insert(at, nested);

    assertFails(
        run(deep.toString()),
        "config.yaml:135:257: invalid YAML: recursion limit exceeded:"
            + " more than 128 nested sequences and mappings are not supported");
  }

  @Test
  void aDeeplyNestedPipelineIsOnePlacedErrorNotAStackTrace() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, PROXY);
    Path passIn = tmp.resolve("pass_in.trickle");
    Files.writeString(
        passIn,
        "select " + "(".repeat(50_000) + "event" + ")".repeat(50_000) + " from in into out;\n");
    Path passOut = tmp.resolve("pass_out.trickle");
    Files.writeString(passOut, "select event from in into out;\n");
    ServerRunCommand options = new ServerRunCommand();
    options.files = List.of(passIn, passOut, config);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = ServerRunner.run(options, new PrintStream(err, true, StandardCharsets.UTF_8));

    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(text)
        .contains("The expression is nested too deeply: more than 256 levels")
        .doesNotContain("\tat ")
        .doesNotContain("StackOverflowError")
        .endsWith("We are SHUTTING DOWN due to errors during initialization!\n");
  }

  @Test
  void unknownKey() throws Exception {
    assertFails(
        run(
            PROXY.replace(
                "    linked: true\n    codec: string\n    preprocessors",
                "    linked: true\n    codecs: string\n    preprocessors")),
        "config.yaml:5:5: unknown field `codecs`, expected one of `id`, `type`, `description`, `linked`, `codec`,"
            + " `codec_map`, `preprocessors`, `postprocessors`, `err_required`, `metrics_interval_s`, `config`");
  }

  @Test
  void missingUrl() throws Exception {
    assertFails(
        run(PROXY.replace("      url: \"ws://localhost:2\"", "      binary: false")),
        "config.yaml:16:5: /offramp/upstream: missing required configuration \"url\" which has no default value");
  }

  @Test
  void unknownCodec() throws Exception {
    assertFails(
        run(
            PROXY.replace(
                "    codec: string\n    postprocessors", "    codec: strang\n    postprocessors")),
        "config.yaml:14:12: /offramp/upstream: Codec 'strang' not found. Known codecs: "
            + String.join(", ", REGISTRY.codecNames()));
  }

  @Test
  void anUnknownTypeDoesNotHideAnUnknownCodec() throws Exception {
    assertFails(
        run(
            PROXY.replace(
                "    type: ws\n    linked: true\n    codec: string\n    postprocessors",
                "    type: wss\n    linked: true\n    codec: strang\n    postprocessors")),
        "config.yaml:12:11: /offramp/upstream: Offramp wss not known\n  known offramp types: "
            + String.join(", ", REGISTRY.sinkNames()),
        "config.yaml:14:12: /offramp/upstream: Codec 'strang' not found. Known codecs: "
            + String.join(", ", REGISTRY.codecNames()));
  }

  @Test
  void badLinkPair() throws Exception {
    assertFails(
        run(
            PROXY.replace(
                "\"/offramp/upstream/{instance}/out\": [\"/pipeline/pass_out/{instance}/in\"]",
                "\"/onramp/ws/{instance}/err\": [\"/offramp/upstream/{instance}/in\"]")),
        "config.yaml:23:37: binding main: links require the form of onramp -> pipeline or pipeline -> offramp"
            + " or pipeline -> pipeline or pipeline -> onramp or offramp -> pipeline"
            + " (got /onramp/ws/{instance}/err -> /offramp/upstream/{instance}/in)");
  }

  @Test
  void unknownArtefactInABinding() throws Exception {
    assertFails(
        run(
            PROXY.replace(
                "[\"/offramp/upstream/{instance}/in\"]", "[\"/offramp/upstreem/{instance}/in\"]")),
        "config.yaml:22:44: binding main: /offramp/upstreem/01/in: offramp `upstreem` not found;"
            + " known offramps: system::stderr, system::stdout, upstream");
  }

  @Test
  void portOutOfRangeAndUnknownPreprocessorAreReportedTogether() throws Exception {
    assertFails(
        run(
            PROXY
                .replace("port: 1\n", "port: 70000\n")
                .replace("preprocessors: [lines]", "preprocessors: [linez]")),
        "config.yaml:6:20: /onramp/ws: Preprocessor 'linez' not found. Known preprocessors: "
            + String.join(", ", REGISTRY.preprocessorNames()),
        "config.yaml:9:7: /onramp/ws: invalid value 70000 for configuration port: value must be between 1 and 65535");
  }

  @Test
  void pipelineSyntaxErrorPointsAtLineAndColumn() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, PROXY);
    Path pass = tmp.resolve("pass_in.trickle");
    Files.writeString(pass, "select event frm in into out;\n");
    Files.writeString(tmp.resolve("pass_out.trickle"), "select event from in into out;\n");
    ServerRunCommand options = new ServerRunCommand();
    options.files = List.of(pass, tmp.resolve("pass_out.trickle"), config);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ServerRunner.run(options, new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8).replace(tmp + "/", "");
    assertThat(code).isEqualTo(1);
    assertThat(text).startsWith("error: pass_in.trickle:");
    assertThat(text).contains("    1 | select event frm in into out;");
    assertThat(text).endsWith("We are SHUTTING DOWN due to errors during initialization!\n");
  }
}
