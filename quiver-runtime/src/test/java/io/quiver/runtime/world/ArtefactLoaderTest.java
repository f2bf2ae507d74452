package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a deployment's files into the artefact repository, with texts given by the test. */
class ArtefactLoaderTest {
  private static final String RAMPS =
      """
      onramp:
        - id: in
          type: ws
          config:
            port: 9139
      offramp:
        - id: out
          type: ws
          config:
            url: ws://127.0.0.1:8139
      binding:
        - id: main
          links:
            "/onramp/in/{instance}/out": ["/pipeline/pass/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  private static ArtefactLoader.Reader texts(Map<String, String> byName) {
    return (file, problems) -> byName.get(file.getFileName().toString());
  }

  private static List<String> rendered(Problems problems) {
    return problems.list().stream().map(Problem::toString).toList();
  }

  @Test
  void pipelinesAndYamlArtefactsAreReadWithTheSystemOnesAndTheMappingsInFileOrder() {
    Problems problems = new Problems();
    ArtefactLoader.Loaded loaded =
        ArtefactLoader.load(
            List.of(Path.of("deploy.yaml"), Path.of("pass.trickle")),
            texts(Map.of("deploy.yaml", RAMPS, "pass.trickle", "select event from in into out;")),
            problems);
    assertThat(rendered(problems)).isEmpty();
    Repository repo = loaded.repository();
    assertThat(repo.onramps).containsKey("in");
    assertThat(repo.offramps).containsKey("out");
    assertThat(repo.bindings).containsKey("main");
    assertThat(repo.pipelines).containsKey("pass");
    assertThat(repo.pipelines.keySet()).anyMatch(id -> id.startsWith("system::"));
    assertThat(loaded.mappings()).hasSize(1);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Problems problems = new Problems();
    String twice = RAMPS.replace("offramp:", "  - id: in\n    type: ws\nofframp:");
    ArtefactLoader.load(
        List.of(Path.of("notes.txt"), Path.of("bad.trickle"), Path.of("twice.yaml")),
        texts(Map.of("bad.trickle", "select event from in into", "twice.yaml", twice)),
        problems);
    List<String> found = rendered(problems);
    assertThat(found).hasSize(3);
    assertThat(found.get(0))
        .isEqualTo(
            "notes.txt: unsupported file type: give .trickle pipelines and .yaml/.yml artefact"
                + " files");
    assertThat(found.get(1)).startsWith("bad.trickle:").contains("invalid pipeline:");
    assertThat(found.get(2))
        .startsWith("twice.yaml:")
        .contains("duplicate onramp id `in` (first declared at twice.yaml:")
        .endsWith("); ids must be unique");
  }

  @Test
  void aPipelineIdIsTheFileNameWithoutItsExtensionAndTwoFilesOfOneNameClash() {
    Problems problems = new Problems();
    ArtefactLoader.load(
        List.of(Path.of("a", "pass.trickle"), Path.of("b", "pass.trickle")),
        texts(Map.of("pass.trickle", "select event from in into out;")),
        problems);
    assertThat(rendered(problems))
        .containsExactly(
            Path.of("b", "pass.trickle")
                + ": duplicate pipeline id `pass` (first declared at "
                + Path.of("a", "pass.trickle")
                + "); ids must be unique");
  }

  @Test
  void filesThatCannotBeReadAreNamedWithTheReason(@TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "onramp: []\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Path missing = dir.resolve("missing.yaml");
    Problems problems = new Problems();
    ArtefactLoader.load(List.of(missing, latin1), ArtefactLoader::readFile, problems);
    List<String> found = rendered(problems);
    assertThat(found).hasSize(2);
    assertThat(found.get(0)).isEqualTo(missing + ": file not found");
    assertThat(found.get(1)).startsWith(latin1 + ":2:");
  }
}
