package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quiver.runtime.config.DeploymentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad postgres config is refused when the deployment loads, every problem named by its key. */
class PostgresConfigTest {
  @TempDir Path dir;

  @Test
  void everyProblemIsReportedAtOnceNamingItsKey() throws Exception {
    String yaml =
        PostgresDeployment.yaml(5432, dir, 1000)
            .replace(
                "consume_from: \"2019-12-01 00:00:00.000000 +00:00\"",
                "consume_from: \"yesterday\"")
            .replace("        size: 4096\n", "")
            .replace("      table: events\n", "")
            .replace(
                "query: \"SELECT * FROM transactions WHERE created_at >= $1 AND created_at < $2;\"",
                "query: \"SELECT * FROM t WHERE a = $3\"");
    Throwable t = catchThrowable(() -> PostgresDeployment.load(dir, yaml));
    assertThat(t).isInstanceOf(DeploymentException.class);
    assertThat(t.getMessage())
        .contains(
            "/onramp/postgres-input: invalid value \"yesterday\" for configuration consume_from:"
                + " input contains invalid characters (expected e.g. 2019-12-01 00:00:00.000000"
                + " +00:00)",
            "for configuration cache: missing required configuration \"cache.size\"",
            "configuration query: the query has parameter $3, but only $1 (the window's start)"
                + " and $2 (its end) are given",
            "/offramp/timescaledb-output: missing required configuration \"table\"");
  }

  @Test
  void theWorkshopConfigLoads() throws Exception {
    PostgresDeployment.load(dir, PostgresDeployment.yaml(5432, dir, 10_000));
  }
}
