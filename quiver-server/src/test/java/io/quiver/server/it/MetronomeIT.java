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

/** A metronome onramp through a pipeline into a ws offramp: its ticks arrive upstream in order. */
class MetronomeIT {
  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private static String deployment(String interval, String url) {
    return """
        onramp:
          - id: tick
            type: metronome
            config:
              interval: INTERVAL
        offramp:
          - id: upstream
            type: ws
            config:
              url: "URL"
        binding:
          - id: main
            links:
              "/onramp/tick/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/upstream/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("INTERVAL", interval)
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
  void ticksArriveUpstreamAsTremorsJsonWithIdsFromZero() throws Exception {
    try (TestUpstream upstream = TestUpstream.start(TestUpstream.SILENT)) {
      world = load(deployment("20", upstream.url()));
      world.start();
      for (int id = 0; id < 3; id++) {
        assertThat(upstream.nextReceived().text())
            .matches("\\{\"onramp\":\"metronome\",\"ingest_ns\":\\d+,\"id\":" + id + "}");
      }
    }
  }

  @Test
  void aZeroIntervalIsRefusedAtStartup() {
    assertThatThrownBy(() -> load(deployment("0", "ws://127.0.0.1:1")))
        .hasMessageContaining(
            "invalid value 0 for configuration interval: value must be at least 1");
  }
}
