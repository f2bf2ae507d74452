package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
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
 * A proxy whose pipeline routes: `$url` picks the upstream from the client's request path
 * (`$ws.path`), and `emit => "blocked"` answers some requests without any upstream.
 */
class RoutingIT {
  @TempDir Path tmp;
  private final List<World> worlds = new ArrayList<>();

  @AfterEach
  void stop() {
    worlds.forEach(World::stop);
  }

  private void deploy(Path dir, String yaml, String... trickleNameAndText) throws Exception {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < trickleNameAndText.length; i += 2) {
      Path f = dir.resolve(trickleNameAndText[i] + ".trickle");
      Files.writeString(f, trickleNameAndText[i + 1]);
      files.add(f);
    }
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    files.add(config);
    World world = World.load(files, Registry.load());
    world.start();
    worlds.add(world);
  }

  private static String echoServer(int port) {
    return """
        onramp:
          - id: ws
            type: ws
            linked: true
            preprocessors: [lines]
            config: {host: 127.0.0.1, port: PORT}
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/tag/{instance}/in"]
              "/pipeline/tag/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("PORT", Integer.toString(port));
  }

  @Test
  void pipelineChoosesTheUpstreamByPathAndAnswersBlockedRequestsItself() throws Exception {
    int a = ExampleDeployment.freePort();
    int b = ExampleDeployment.freePort();
    int proxy = ExampleDeployment.freePort();
    deploy(tmp.resolve("a"), echoServer(a), "tag", "select \"A:\" + event from in into out;\n");
    deploy(tmp.resolve("b"), echoServer(b), "tag", "select \"B:\" + event from in into out;\n");
    deploy(
        tmp.resolve("proxy"),
        """
        onramp:
          - id: ws
            type: ws
            linked: true
            preprocessors: [lines]
            config: {host: 127.0.0.1, port: PROXY}
        offramp:
          - id: upstream
            type: ws
            linked: true
            codec: string
            postprocessors: [lines]
            config: {url: "ws://localhost:A"}
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/route/{instance}/in"]
              "/pipeline/route/{instance}/out": ["/offramp/upstream/{instance}/in"]
              "/pipeline/route/{instance}/blocked": ["/onramp/ws/{instance}/in"]
              "/offramp/upstream/{instance}/out": ["/pipeline/back/{instance}/in"]
              "/pipeline/back/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
            .replace("PROXY", Integer.toString(proxy))
            .replace(":A\"", ":" + a + "\""),
        "route",
        """
        define script route
        script
          let $url = match $ws.path of
            case "/b" => "ws://localhost:B"
            default => "ws://localhost:A"
          end;
          match event of
            case "forbidden" => emit {"error": "forbidden", "event": event} => "blocked"
            default => event
          end
        end;
        create script route;
        select event from in into route;
        select event from route into out;
        select event from route/blocked into out/blocked;
        """
            .replace(":B\"", ":" + b + "\"")
            .replace(":A\"", ":" + a + "\""),
        "back",
        "select event from in into out;\n");

    try (TestClient toA = TestClient.connect(proxy, "/");
        TestClient toB = TestClient.connect(proxy, "/b")) {
      toA.send("hello\n");
      toB.send("hello\n");
      assertThat(toA.nextText(Duration.ofSeconds(10))).isEqualTo("A:hello");
      assertThat(toB.nextText(Duration.ofSeconds(10))).isEqualTo("B:hello");
      toB.send("forbidden\n");
      assertThat(toB.nextText(Duration.ofSeconds(10)))
          .isEqualTo("{\"error\":\"forbidden\",\"event\":\"forbidden\"}");
      toB.send("again\n");
      assertThat(toB.nextText(Duration.ofSeconds(10))).isEqualTo("B:again");
    }
  }
}
