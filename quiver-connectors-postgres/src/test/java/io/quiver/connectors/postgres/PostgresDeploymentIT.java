package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workshop 12's deployment ({@link PostgresDeployment}) against a real PostgreSQL: rows of {@code
 * products.transactions} reach {@code measurements.events} through the onramp, a pipeline and the
 * offramp (Tremor's row shape in, the same shape out); the onramp backfills from {@code
 * consume_from}, then follows new rows; it resumes from its cursor after the server was away and
 * after a restart, losing and repeating nothing ({@code events.user_id} is unique, so a repeated
 * row would be an error event in {@code errors.json}; a sentinel row inserted last proves the rows
 * before it were all seen, as windows are read in order).
 */
class PostgresDeploymentIT {
  private static final long INTERVAL_MS = 200;
  private static PgTestServer pg;

  @TempDir Path dir;

  @BeforeAll
  static void server() throws Exception {
    pg = PgTestServer.create();
    pg.sql("postgres", "CREATE DATABASE products", "CREATE DATABASE measurements");
  }

  @AfterAll
  static void removeServer() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void tables() throws Exception {
    pg.sql(
        "products",
        "DROP TABLE IF EXISTS transactions",
        "CREATE TABLE transactions (user_id INT8 NOT NULL, product_id VARCHAR NOT NULL,"
            + " quantity INT8 NOT NULL, created_at TIMESTAMPTZ NOT NULL)");
    pg.sql(
        "measurements",
        "DROP TABLE IF EXISTS events",
        "CREATE TABLE events (user_id INT8 NOT NULL UNIQUE, product_id VARCHAR NOT NULL,"
            + " quantity INT8 NOT NULL, created_at TIMESTAMPTZ NOT NULL)");
  }

  private static void transaction(long user, String product, OffsetDateTime createdAt)
      throws Exception {
    try (Connection c = pg.connect("products");
        PreparedStatement ps = c.prepareStatement("INSERT INTO transactions VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, user);
      ps.setString(2, product);
      ps.setLong(3, user * 10);
      ps.setObject(4, createdAt);
      ps.executeUpdate();
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** A row stamped by the server's clock as it is inserted (committed at once after). */
  private static void liveTransaction(long user, String product) throws Exception {
    pg.sql(
        "products",
        "INSERT INTO transactions VALUES ("
            + user
            + ", '"
            + product
            + "', "
            + user * 10
            + ", clock_timestamp())");
  }

  private static List<String> events() {
    List<String> out = new ArrayList<>();
    try (Connection c = pg.connect("measurements");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT user_id, product_id, quantity, created_at AT TIME ZONE 'UTC' FROM events"
                    + " ORDER BY user_id")) {
      while (rs.next()) {
        out.add(
            rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4));
      }
    } catch (java.sql.SQLException e) {
      return List.of("unreadable: " + e.getMessage());
    }
    return out;
  }

  private static boolean hasUser(long user) {
    return events().stream().anyMatch(r -> r.startsWith(user + "|"));
  }

  private List<String> errors() throws Exception {
    Path f = dir.resolve("errors.json");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  @Test
  void backfillsFromConsumeFromThenFollowsNewRows() throws Exception {
    transaction(1, "SOMEID", OffsetDateTime.parse("2020-02-10T20:02:02Z"));
    transaction(2, "jdwa2djh2", OffsetDateTime.parse("2020-04-08T00:00:00.250Z"));
    transaction(3, "too-old", OffsetDateTime.parse("2019-11-30T23:59:59Z"));
    try (PostgresDeployment d = PostgresDeployment.start(dir, pg.port(), INTERVAL_MS)) {
      Await.until("the backfilled rows", Duration.ofSeconds(30), () -> hasUser(2));
      liveTransaction(4, "live");
      Await.until("the new row", Duration.ofSeconds(30), () -> hasUser(4));
    }
    List<String> rows = events();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo("1|SOMEID|10|2020-02-10 20:02:02");
    assertThat(rows.get(1)).isEqualTo("2|jdwa2djh2|20|2020-04-08 00:00:00.25");
    assertThat(rows.get(2)).startsWith("4|live|40|");
    assertThat(errors()).isEmpty();
  }

  @Test
  void resumesFromItsCursorAfterTheServerWasAwayLosingAndRepeatingNothing() throws Exception {
    try (PostgresDeployment d = PostgresDeployment.start(dir, pg.port(), INTERVAL_MS)) {
      liveTransaction(1, "before");
      Await.until("the row before the outage", Duration.ofSeconds(30), () -> hasUser(1));
      pg.stop();
      // from here on no window that ends later can have been read
      OffsetDateTime away = now();
      try {
        // the outage lasts several windows, which the onramp cannot query
        long until = System.nanoTime() + 5 * INTERVAL_MS * 1_000_000L;
        Await.until(
            "an outage of five windows", Duration.ofSeconds(10), () -> System.nanoTime() > until);
      } finally {
        pg.start();
      }
      // rows stamped inside the outage: their windows were not read yet
      transaction(2, "during-1", away.plusNanos(100_000_000L));
      transaction(3, "during-2", away.plusNanos(300_000_000L));
      liveTransaction(4, "sentinel");
      Await.until("the sentinel after the outage", Duration.ofSeconds(60), () -> hasUser(4));
    }
    assertThat(events())
        .extracting(r -> r.substring(0, r.indexOf('|', 2)))
        .containsExactly("1|before", "2|during-1", "3|during-2", "4|sentinel");
    assertThat(errors()).isEmpty();
  }

  @Test
  void aRestartResumesFromTheCursorFile() throws Exception {
    try (PostgresDeployment d = PostgresDeployment.start(dir, pg.port(), INTERVAL_MS)) {
      liveTransaction(1, "first-run");
      Await.until("the first run's row", Duration.ofSeconds(30), () -> hasUser(1));
    }
    liveTransaction(2, "while-stopped");
    assertThat(Files.readString(dir.resolve("cache.json")))
        .contains("\"consume_from\":\"", "\"consume_until\":\"");
    try (PostgresDeployment d = PostgresDeployment.start(dir, pg.port(), INTERVAL_MS)) {
      liveTransaction(3, "sentinel");
      Await.until("the sentinel of the second run", Duration.ofSeconds(30), () -> hasUser(3));
    }
    assertThat(events())
        .extracting(r -> r.substring(0, r.indexOf('|', 2)))
        .containsExactly("1|first-run", "2|while-stopped", "3|sentinel");
    // with Tremor 0.11's cache (rewritten at every start) row 1 would come again: a unique
    // violation on events.user_id, an error event here
    assertThat(errors()).isEmpty();
  }
}
