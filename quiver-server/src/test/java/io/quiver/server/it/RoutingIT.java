package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    try (Client toA = new Client(proxy, "/");
        Client toB = new Client(proxy, "/b")) {
      toA.send("hello\n");
      toB.send("hello\n");
      assertThat(toA.next()).isEqualTo("A:hello");
      assertThat(toB.next()).isEqualTo("B:hello");
      toB.send("forbidden\n");
      assertThat(toB.next()).isEqualTo("{\"error\":\"forbidden\",\"event\":\"forbidden\"}");
      toB.send("again\n");
      assertThat(toB.next()).isEqualTo("B:again");
    }
  }

  /** A JDK websocket client on a given path. */
  private static final class Client implements AutoCloseable {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    Client(int port, String path) throws Exception {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + path),
                  new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      text.append(data);
                      if (last) {
                        received.add(text.toString());
                        text.setLength(0);
                      }
                      ws.request(1);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    String next() throws InterruptedException {
      String m = received.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no reply within 10 s");
      }
      return m;
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
