package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code examples/12_postgres_timescaledb} deployment, its files copied with the
 * server's port changed: against a PostgreSQL seeded as its {@code postgres.sh} seeds one, the
 * seeded row and the crononome's records reach {@code measurements.events}, as its README shows;
 * without any server it still starts, as Tremor's does (both connectors keep trying).
 */
class Workshop12IT {
  @TempDir Path dir;

  static Path example() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path e = d.resolve("examples/12_postgres_timescaledb/etc");
      if (Files.isDirectory(e)) {
        return e;
      }
    }
    throw new AssertionError("no examples/12_postgres_timescaledb above the working directory");
  }

  private World load(int port) throws Exception {
    List<Path> files = new ArrayList<>();
    List<Path> yaml = new ArrayList<>();
    try (Stream<Path> all = Files.list(example())) {
      for (Path f : all.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".trickle") && !name.endsWith(".yaml")) {
          continue;
        }
        Path copy = dir.resolve(name);
        Files.writeString(
            copy,
            Files.readString(f)
                .replace("port: 9876", "port: " + port)
                .replace("\"var/cache.json\"", "\"" + dir.resolve("var/cache.json") + "\""));
        (name.endsWith(".trickle") ? files : yaml).add(copy);
      }
    }
    files.addAll(yaml);
    return World.load(files, Registry.load());
  }

  private static List<String> events(PgTestServer pg) {
    List<String> out = new ArrayList<>();
    try (Connection c = pg.connect("measurements");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT user_id, product_id, quantity, created_at AT TIME ZONE 'UTC' FROM events"
                    + " ORDER BY created_at")) {
      while (rs.next()) {
        out.add(
            rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4));
      }
    } catch (java.sql.SQLException e) {
      return List.of();
    }
    return out;
  }

  @Test
  void theSeededRowAndTheCrononomesRecordsReachTheEventsTable() throws Exception {
    try (PgTestServer pg = PgTestServer.create()) {
      pg.sql("postgres", "CREATE DATABASE products", "CREATE DATABASE measurements");
      pg.sql(
          "products",
          "CREATE TABLE transactions (user_id INT8 NOT NULL, product_id VARCHAR NOT NULL,"
              + " quantity INT8 NOT NULL, created_at TIMESTAMPTZ NOT NULL)",
          "INSERT INTO transactions VALUES (20, 'SOMEID', 98, '2020-02-10 20:02:02.000000"
              + " +00:00')");
      pg.sql(
          "measurements",
          "CREATE TABLE events (user_id INT8 NOT NULL, product_id VARCHAR NOT NULL, quantity INT8"
              + " NOT NULL, created_at TIMESTAMPTZ NOT NULL)");
      World world = load(pg.port());
      world.start();
      try {
        Await.until(
            "the seeded row and two crononome records",
            Duration.ofSeconds(60),
            () -> events(pg).size() >= 3);
      } finally {
        world.stop();
      }
      List<String> rows = events(pg);
      assertThat(rows.get(0)).isEqualTo("20|SOMEID|98|2020-02-10 20:02:02");
      assertThat(rows.subList(1, rows.size()))
          .allMatch(r -> r.equals("12345|jdwa2djh2|2|2020-04-08 00:00:00"));
    }
  }

  @Test
  void itStartsWithoutAServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    World world = load(port);
    world.start();
    world.stop();
    assertThat(dir.resolve("var/cache.json")).exists();
  }
}
