package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.YamlConfigReader;
import io.quiver.runtime.world.DeploymentPlan;
import io.quiver.runtime.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot is Tremor's configuration document, and loads back as the deployment it shows. */
class ConfigSnapshotsTest {
  @TempDir Path dir;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  @Test
  void aSnapshotLoadsBackWithTheActiveBindingInstances() throws Exception {
    Path pass = Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            onramp:
              - id: tick
                type: metronome
                description: every minute
                config: {interval: 60000}
            offramp:
              - id: out
                type: stdout
                codec: json
                postprocessors: [lines]
            binding:
              - id: main
                links:
                  "/onramp/tick/{instance}/out": ["/pipeline/pass/{instance}/in"]
                  "/pipeline/pass/{instance}/out": ["/offramp/out/{instance}/in"]
            mapping:
              /binding/main/01: {instance: "01"}
            """);
    world = World.load(List.of(pass, config), Registry.load());
    world.start();
    world.activate("main", "02", Map.of("instance", "02"));
    world.publish(
        YamlConfigReader.readRamp(
                ResourceType.OFFRAMP, "<API>", "id: spare\ntype: stderr\n", new Problems())
            .orElseThrow());

    Path snapshot = ConfigSnapshots.into(dir).save(world);

    assertThat(snapshot.getFileName().toString()).matches("config_\\d+\\.yaml");
    String text = Files.readString(snapshot);
    assertThat(text)
        .startsWith("---\nonramp:\n  - id: tick\n    type: metronome\n")
        .contains("mapping:\n  \"tremor://localhost/binding/main/01\":\n    instance: \"01\"\n");
    DeploymentPlan reloaded =
        DeploymentPlan.load(
            List.of(pass, Files.writeString(dir.resolve("again.yaml"), text)), Registry.load());
    assertThat(reloaded.problems()).isEmpty();
    assertThat(reloaded.bindingInstances())
        .extracting(b -> b.path())
        .containsExactly("/binding/main/01", "/binding/main/02");
    assertThat(reloaded.artefacts(ResourceType.OFFRAMP)).containsExactly("out", "spare");
  }

  @Test
  void withoutADirectoryNothingIsWrittenAndAMissingOneIsAnIoError() throws Exception {
    Path pass = Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    world = World.load(List.of(pass), Registry.load());
    assertThat(ConfigSnapshots.into(null).save(world)).isNull();
    assertThatThrownBy(() -> ConfigSnapshots.into(dir.resolve("gone")).save(world))
        .hasFieldOrPropertyWithValue("status", 500)
        .hasMessage("IO error: no such storage directory: " + dir.resolve("gone"));
  }
}
