package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.ws.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line over the `lines` limit that ends in a newline is answered with an error, not silence. */
class LinesLimitIT {
  private static final int LIMIT = 1_048_576;

  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  @Test
  void aCompleteLineOverTheLimitGetsAnErrorAndTheOtherLinesTheirReplies() throws Exception {
    int port = ExampleDeployment.freePort();
    Path query = Files.writeString(tmp.resolve("echo.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
        onramp:
          - id: ws
            type: ws
            linked: true
            codec: string
            preprocessors: [lines]
            config: {host: 127.0.0.1, port: PORT}
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/echo/{instance}/in"]
              "/onramp/ws/{instance}/err": ["/pipeline/echo/{instance}/in"]
              "/pipeline/echo/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
                .replace("PORT", Integer.toString(port)));
    world = World.load(List.of(query, config), Registry.load());
    world.start();

    try (TestClient client = TestClient.connect(port)) {
      client.send("before\n" + "x".repeat(LIMIT + 1) + "\nafter\n");
      List<String> answers = client.nextTexts(3, Duration.ofSeconds(30));
      assertThat(answers).contains("before", "after");
      String error = answers.stream().filter(m -> m.startsWith("{")).findFirst().orElseThrow();
      assertThat(((io.quiver.value.Value.Obj) io.quiver.value.Json.parse(error)).get("error"))
          .isEqualTo(
              io.quiver.value.Value.of(
                  "Invalid line of length 1048577 since it exceeds maximum allowed length of 1048576"));
      client.send("still served\n");
      assertThat(client.nextText()).isEqualTo("still served");
    }
  }
}
