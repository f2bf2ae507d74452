package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.ws.EchoWsServer;
import io.quiver.testkit.ws.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown under load, in this JVM through the {@link World} API (what {@code server run} does on
 * SIGTERM): every request the proxy took is answered, with its reply or with the drain-timeout
 * error, and only then is every client closed with 1001 (going away).
 */
class ShutdownDrainIT {
  @TempDir Path dir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  /** The seed's proxy (example 33's shape) in front of {@code upstreamUrl}, started. */
  static World proxy(Path dir, String upstreamUrl, int port) throws Exception {
    List<Path> files = proxyFiles(dir, upstreamUrl, port);
    World world = World.load(files, Registry.load());
    world.start();
    return world;
  }

  static List<Path> proxyFiles(Path dir, String upstreamUrl, int port) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String pipeline : List.of("pass_incoming", "pass_outgoing", "pass_errors")) {
      Path p = dir.resolve(pipeline + ".trickle");
      Files.writeString(p, "select event from in into out;\n");
      files.add(p);
    }
    Path yaml = dir.resolve("proxy.yaml");
    Files.writeString(
        yaml,
        """
        onramp:
          - id: ws
            type: ws
            linked: true
            codec: string
            preprocessors: [lines]
            config:
              host: 127.0.0.1
              port: %d
        offramp:
          - id: upstream
            type: ws
            linked: true
            codec: string
            preprocessors: [lines]
            postprocessors: [lines]
            config:
              url: "%s"
              connect_timeout_ms: 30000 # a fresh JVM on a busy machine can be slow to connect
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/pass_incoming/{instance}/in"]
              "/pipeline/pass_incoming/{instance}/out": ["/offramp/upstream/{instance}/in"]
              "/offramp/upstream/{instance}/out": ["/pipeline/pass_outgoing/{instance}/in"]
              "/pipeline/pass_outgoing/{instance}/out": ["/onramp/ws/{instance}/in"]
          - id: error
            links:
              "/onramp/ws/{instance}/err": ["/pipeline/pass_errors/{instance}/in"]
              "/offramp/upstream/{instance}/err": ["/pipeline/pass_errors/{instance}/in"]
              "/pipeline/pass_errors/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01:
            instance: "01"
          /binding/error/01:
            instance: "01"
        """
            .formatted(port, upstreamUrl));
    files.add(yaml);
    return files;
  }

  @Test
  void everyRequestInFlightIsAnsweredBeforeEveryClientIsClosedWith1001() throws Exception {
    EchoWsServer upstream = EchoWsServer.slow(Duration.ofMillis(300));
    cleanup.add(upstream);
    int port = ExampleDeployment.freePort();
    World world = proxy(dir, upstream.url(), port);
    cleanup.add(world::stop);
    int clients = 30;
    int perClient = 10;
    List<TestClient> connected = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      TestClient client = TestClient.connect(port);
      cleanup.add(client);
      connected.add(client);
      for (int m = 0; m < perClient; m++) {
        client.send("c" + c + "-m" + m + "\n");
      }
    }
    for (int i = 0; i < clients * perClient; i++) {
      upstream.next(); // every request reached the upstream: all are in flight
    }

    world.stop();

    for (int c = 0; c < clients; c++) {
      TestClient client = connected.get(c);
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < perClient; m++) {
        expected.add("c" + c + "-m" + m);
      }
      assertThat(client.nextTexts(perClient, Duration.ofSeconds(5)))
          .as("client %d", c)
          .isEqualTo(expected);
      assertThat(client.closeCode(Duration.ofSeconds(5))).as("client %d", c).isEqualTo(1001);
    }
  }

  @Test
  void requestsUnansweredAtTheDrainDeadlineGetTheShutdownErrorThen1001() throws Exception {
    EchoWsServer upstream = EchoWsServer.replying(0);
    cleanup.add(upstream);
    int port = ExampleDeployment.freePort();
    World world = proxy(dir, upstream.url(), port);
    cleanup.add(world::stop);
    List<TestClient> connected = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      TestClient client = TestClient.connect(port);
      cleanup.add(client);
      connected.add(client);
      client.send("never answered\n");
      upstream.next();
    }

    world.stop(Duration.ofMillis(200));

    for (TestClient client : connected) {
      assertThat(client.nextText())
          .matches(
              "\\{\"error\":\"Error receiving reply from server \\Q"
                  + upstream.url()
                  + "\\E: shutting down: no reply within the drain timeout\",\"event_id\":\"1:0:\\d+\"}");
      assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(1001);
    }
  }
}
