package io.quiver.connectors.otel;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deployment for the ITs: otel onramp {@code in} -> pipeline {@code work} -> otel offramp {@code
 * out}; the offramp's {@code err} port -> pass-through -> file offramp writing {@code errors.json}.
 * The pipeline turns a log whose body is {@code "poison"} into {@code {"logs": 7}} (a bad shape)
 * and one whose body is {@code "junk"} into {@code {"snot": "badger"}} (none of the three keys).
 */
final class OtelDeployment implements AutoCloseable {
  static final String QUERY =
      """
      define script poison
      script
        let body = match event of
          case %{ present logs } => event.logs[0].instrumentation_library_logs[0].logs[0].body
          default => null
        end;
        match body of
          case "poison" => {"logs": 7}
          case "junk" => {"snot": "badger"}
          default => event
        end
      end;
      create script poison;
      select event from in into poison;
      select event from poison into out;
      """;

  private final World world;
  final Path errors;

  private OtelDeployment(World world, Path errors) {
    this.world = world;
    this.errors = errors;
  }

  static OtelDeployment start(Path dir, int onrampPort, int receiverPort) throws Exception {
    Files.createDirectories(dir);
    Path work = dir.resolve("work.trickle");
    Files.writeString(work, QUERY);
    Path errs = dir.resolve("errs.trickle");
    Files.writeString(errs, "select event from in into out;\n");
    Path errors = dir.resolve("errors.json");
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml(onrampPort, receiverPort, errors));
    World world = World.load(List.of(work, errs, config), Registry.load());
    world.start();
    return new OtelDeployment(world, errors);
  }

  static String yaml(int onrampPort, int receiverPort, Path errors) {
    return """
        onramp:
          - id: in
            type: otel
            config:
              host: 127.0.0.1
              port: @IN@
        offramp:
          - id: out
            type: otel
            config:
              host: 127.0.0.1
              port: @OUT@
          - id: errors
            type: file
            codec: json
            config:
              file: "@ERRORS@"
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
              "/offramp/out/{instance}/err": ["/pipeline/errs/{instance}/in"]
              "/pipeline/errs/{instance}/out": ["/offramp/errors/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
        .replace("@IN@", Integer.toString(onrampPort))
        .replace("@OUT@", Integer.toString(receiverPort))
        .replace("@ERRORS@", errors.toString());
  }

  /** The error events written so far, one JSON text per line. */
  List<String> errorLines() {
    try {
      return Files.exists(errors) ? Files.readAllLines(errors) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    world.stop();
  }
}
