package io.quiver.connectors.postgres;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Workshop 12's shape for the ITs: postgres onramp (database {@code products}, table {@code
 * transactions}) -> pass-through pipeline -> postgres offramp (database {@code measurements}, table
 * {@code events}); the offramp's {@code err} port -> a pipeline -> a {@code file} offramp writing
 * {@code errors.json} (one error event per line).
 */
final class PostgresDeployment implements AutoCloseable {
  private final World world;

  private PostgresDeployment(World world) {
    this.world = world;
  }

  static String yaml(int port, Path dir, long intervalMs) {
    return """
        onramp:
          - id: postgres-input
            type: postgres
            codec: json
            config:
              host: 127.0.0.1
              port: @PORT@
              user: postgres
              password: example
              dbname: products
              interval_ms: @INTERVAL@
              query: "SELECT * FROM transactions WHERE created_at >= $1 AND created_at < $2;"
              consume_from: "2019-12-01 00:00:00.000000 +00:00"
              cache:
                path: "@DIR@/cache.json"
                size: 4096
        offramp:
          - id: timescaledb-output
            type: postgres
            codec: json
            config:
              host: 127.0.0.1
              port: @PORT@
              user: postgres
              password: example
              dbname: measurements
              table: events
          - id: errors
            type: file
            codec: json
            postprocessors: [lines]
            config:
              file: "@DIR@/errors.json"
        binding:
          - id: thinger
            links:
              '/onramp/postgres-input/{instance}/out': ['/pipeline/pass/{instance}/in']
              '/pipeline/pass/{instance}/out': ['/offramp/timescaledb-output/{instance}/in']
              '/offramp/timescaledb-output/{instance}/err': ['/pipeline/errs/{instance}/in']
              '/pipeline/errs/{instance}/out': ['/offramp/errors/{instance}/in']
        mapping:
          /binding/thinger/cyclopes:
            instance: 'cyclopes'
        """
        .replace("@PORT@", Integer.toString(port))
        .replace("@INTERVAL@", Long.toString(intervalMs))
        .replace("@DIR@", dir.toString());
  }

  /** Writes the deployment's files into {@code dir} and loads them (throws on a bad config). */
  static World load(Path dir, String yaml) throws Exception {
    Files.createDirectories(dir);
    Path pass = dir.resolve("pass.trickle");
    Files.writeString(pass, "select event from in into out;\n");
    Path errs = dir.resolve("errs.trickle");
    Files.writeString(errs, "select event from in into out;\n");
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    return World.load(List.of(pass, errs, config), Registry.load());
  }

  static PostgresDeployment start(Path dir, int port, long intervalMs) throws Exception {
    World world = load(dir, yaml(port, dir, intervalMs));
    world.start();
    return new PostgresDeployment(world);
  }

  @Override
  public void close() {
    world.stop();
  }
}
