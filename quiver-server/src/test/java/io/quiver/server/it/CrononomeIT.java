package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.ws.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crononome onramp through a pipeline into a ws offramp: each due entry arrives upstream as
 * Tremor's event with its trigger; a bad cron expression refuses the deployment with file, line and
 * the syntax.
 */
class CrononomeIT {
  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private static String deployment(String expr, String url) {
    return """
        onramp:
          - id: cron
            type: crononome
            config:
              entries:
                - name: every-second
                  expr: "EXPR"
                  payload:
                    snot: badger
                    list: [1, 2]
        offramp:
          - id: upstream
            type: ws
            config:
              url: "URL"
        binding:
          - id: main
            links:
              "/onramp/cron/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/upstream/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("EXPR", expr)
        .replace("URL", url);
  }

  private World load(String yaml) throws Exception {
    Path pipeline = tmp.resolve("fwd.trickle");
    Files.writeString(pipeline, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    return World.load(List.of(pipeline, config), Registry.load());
  }

  @Test
  void dueEntriesArriveUpstreamWithTheirTriggerAndPayload() throws Exception {
    try (TestUpstream upstream = TestUpstream.start(TestUpstream.SILENT)) {
      world = load(deployment("* * * * * *", upstream.url()));
      world.start();
      for (int id = 0; id < 2; id++) {
        assertThat(upstream.nextReceived().text())
            .matches(
                "\\{\"onramp\":\"crononome\",\"ingest_ns\":\\d+,\"id\":"
                    + id
                    + ",\"trigger\":\\{\"name\":\"every-second\","
                    + "\"payload\":\\{\"snot\":\"badger\",\"list\":\\[1,2]}}}");
      }
    }
  }

  @Test
  void aBadCronExpressionIsRefusedAtStartupWithFileLineAndTheFix() {
    assertThatThrownBy(() -> load(deployment("0 61 * * * *", "ws://127.0.0.1:1")))
        .hasMessageContaining("config.yaml:")
        .hasMessageContaining(
            "Bad configuration in crononome - expression every-second is illegal:"
                + " `0 61 * * * *`: minutes: 61 in `61` is not between 0 and 59")
        .hasMessageContaining("sec min hour day-of-month month day-of-week [year]");
  }
}
