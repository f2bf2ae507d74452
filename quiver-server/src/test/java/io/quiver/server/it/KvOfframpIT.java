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

/**
 * The kv offramp in a running deployment: websocket clients send kv commands to a linked ws onramp,
 * a pipeline hands them to the kv offramp, and its replies (port {@code out}) and errors (port
 * {@code err}) come back through pipelines to the client that asked. The store lives in a real
 * directory and survives the deployment being stopped and loaded again.
 */
class KvOfframpIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private List<Path> files(int port) throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: ws
            type: ws
            codec: json
            linked: true
            config: {host: 127.0.0.1, port: PORT}
        offramp:
          - id: kv
            type: kv
            config:
              dir: DIR
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/ask/{instance}/in"]
              "/pipeline/ask/{instance}/out": ["/offramp/kv/{instance}/in"]
              "/offramp/kv/{instance}/out": ["/pipeline/answer/{instance}/in"]
              "/offramp/kv/{instance}/err": ["/pipeline/failed/{instance}/in"]
              "/pipeline/answer/{instance}/out": ["/onramp/ws/{instance}/in"]
              "/pipeline/failed/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
            .replace("PORT", Integer.toString(port))
            .replace("DIR", tmp.resolve("store").toString().replace('\\', '/')));
    Path ask = Files.writeString(tmp.resolve("ask.trickle"), "select event from in into out;\n");
    Path answer =
        Files.writeString(
            tmp.resolve("answer.trickle"),
            "select {\"op\": $kv.op, \"r\": event} from in into out;\n");
    Path failed =
        Files.writeString(
            tmp.resolve("failed.trickle"),
            "select {\"failed\": event, \"why\": $error} from in into out;\n");
    return List.of(answer, ask, config, failed);
  }

  private void deploy(List<Path> files) throws Exception {
    world = World.load(files, Registry.load());
    world.start();
  }

  @Test
  void clientsGetTheirRepliesAndBadCommandsTheirErrorsAndTheDataOutlivesARestart()
      throws Exception {
    int port = ExampleDeployment.freePort();
    List<Path> files = files(port);
    deploy(files);
    try (TestClient a = TestClient.connect(port, "/");
        TestClient b = TestClient.connect(port, "/")) {
      a.send("{\"put\": {\"key\": \"lamp\", \"value\": {\"on\": true}}}");
      assertThat(a.nextText(WAIT))
          .isEqualTo("{\"op\":\"put\",\"r\":{\"ok\":{\"key\":\"bGFtcA==\",\"value\":null}}}");
      b.send("{\"get\": {\"key\": \"lamp\"}}");
      assertThat(b.nextText(WAIT))
          .isEqualTo(
              "{\"op\":\"get\",\"r\":{\"ok\":{\"key\":\"bGFtcA==\",\"value\":{\"on\":true}}}}");

      b.send("{\"put\": {\"key\": \"lamp\"}}");
      assertThat(b.nextText(WAIT))
          .isEqualTo(
              "{\"failed\":{\"key\":null,\"error\":\"Missing `value` field\"},"
                  + "\"why\":\"Missing `value` field\"}");
      b.send("{\"lamp\": \"on\"}");
      assertThat(b.nextText(WAIT))
          .contains("\"error\":\"Invalid KV command: {\\\"lamp\\\": String(\\\"on\\\")}\"");

      b.send("{\"cas\": {\"key\": \"lamp\", \"old\": {\"on\": true}, \"new\": {\"on\": false}}}");
      assertThat(b.nextText(WAIT))
          .isEqualTo("{\"op\":\"cas\",\"r\":{\"ok\":{\"key\":\"bGFtcA==\",\"value\":null}}}");
      assertThat(a.pending()).isEmpty();
    }
    world.stop();
    world = null;

    deploy(files);
    try (TestClient c = TestClient.connect(port, "/")) {
      c.send("{\"scan\": {}}");
      assertThat(c.nextText(WAIT))
          .isEqualTo(
              "{\"op\":\"scan\",\"r\":{\"ok\":[{\"key\":\"bGFtcA==\",\"value\":{\"on\":false}}]}}");
    }
  }
}
