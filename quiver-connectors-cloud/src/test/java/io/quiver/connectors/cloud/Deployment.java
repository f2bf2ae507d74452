package io.quiver.connectors.cloud;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment for the ITs, written to {@code dir}: a file onramp reading {@code in.json} ->
 * pipeline {@code work} (the given query) -> the offramp under test ({@code target}, linked) whose
 * {@code out} and {@code err} go through pass-through pipelines into the files {@code out.json} and
 * {@code err.json}.
 */
public final class Deployment implements AutoCloseable {
  private final World world;
  public final Path out;
  public final Path err;

  private Deployment(World world, Path out, Path err) {
    this.world = world;
    this.out = out;
    this.err = err;
  }

  /**
   * @param targetYaml the offramp's type/codec/config lines, indented 4 spaces
   */
  public static Deployment offramp(Path dir, List<String> inputs, String query, String targetYaml)
      throws Exception {
    Files.createDirectories(dir);
    Path in = dir.resolve("in.json");
    Files.write(in, inputs, StandardCharsets.UTF_8);
    Path work = dir.resolve("work.trickle");
    Files.writeString(work, query + "\n");
    Path replies = dir.resolve("replies.trickle");
    Files.writeString(replies, "select event from in into out;\n");
    Path errors = dir.resolve("errors.trickle");
    Files.writeString(errors, "select event from in into out;\n");
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.json");
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: file
            codec: json
            config:
              source: "@IN@"
        offramp:
          - id: target
            linked: true
        @TARGET@
          - id: out
            type: file
            codec: json
            config:
              file: "@OUT@"
          - id: err
            type: file
            codec: json
            config:
              file: "@ERR@"
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/target/{instance}/in"]
              "/offramp/target/{instance}/out": ["/pipeline/replies/{instance}/in"]
              "/pipeline/replies/{instance}/out": ["/offramp/out/{instance}/in"]
              "/offramp/target/{instance}/err": ["/pipeline/errors/{instance}/in"]
              "/pipeline/errors/{instance}/out": ["/offramp/err/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("@IN@", in.toString())
            .replace("@OUT@", out.toString())
            .replace("@ERR@", err.toString())
            .replace("@TARGET@", targetYaml.stripTrailing()));
    World world = World.load(List.of(work, replies, errors, config), Registry.load());
    world.start();
    return new Deployment(world, out, err);
  }

  /**
   * A deployment with the onramp under test ({@code source}) -> pipeline {@code work} (the given
   * query) -> file {@code out.json}, and the onramp's {@code err} -> file {@code err.json}.
   *
   * @param sourceYaml the onramp's type/codec/config lines, indented 4 spaces
   */
  public static Deployment onramp(Path dir, String sourceYaml, String query) throws Exception {
    Files.createDirectories(dir);
    Path work = dir.resolve("work.trickle");
    Files.writeString(work, query + "\n");
    Path errors = dir.resolve("errors.trickle");
    Files.writeString(errors, "select event from in into out;\n");
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.json");
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: source
        @SOURCE@
        offramp:
          - id: out
            type: file
            codec: json
            config:
              file: "@OUT@"
          - id: err
            type: file
            codec: json
            config:
              file: "@ERR@"
        binding:
          - id: main
            links:
              "/onramp/source/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
              "/onramp/source/{instance}/err": ["/pipeline/errors/{instance}/in"]
              "/pipeline/errors/{instance}/out": ["/offramp/err/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("@OUT@", out.toString())
            .replace("@ERR@", err.toString())
            .replace("@SOURCE@", sourceYaml.stripTrailing()));
    World world = World.load(List.of(work, errors, config), Registry.load());
    world.start();
    return new Deployment(world, out, err);
  }

  /** The lines written to {@code file} so far (none when it does not exist yet). */
  public static List<String> lines(Path file) {
    try {
      return Files.exists(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList()
          : List.of();
    } catch (IOException e) {
      return new ArrayList<>();
    }
  }

  @Override
  public void close() {
    world.stop();
  }
}
