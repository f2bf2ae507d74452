package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linked request whose event goes through a {@code qos::wal} (recipe 37's configurator does): the
 * WAL replays it under an id of its own that tracks the request's, and the answer still finds its
 * request, as Tremor's sources find it through {@code get_max_by_source}.
 */
class LinkedReplyThroughWalIT {
  private static final String CONFIG =
      """
      onramp:
        - id: http
          type: rest
          linked: true
          codec: json
          config:
            host: 127.0.0.1
            port: PORT
      offramp:
        - id: copy
          type: file
          codec: json
          config:
            file: OUT
      binding:
        - id: main
          links:
            "/onramp/http/{instance}/out": ["/pipeline/walled/{instance}/in"]
            "/pipeline/walled/{instance}/out":
              ["/onramp/http/{instance}/in", "/offramp/copy/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  // the file offramp restores the WAL's circuit (it starts broken, as Tremor's), the onramp answers
  private static final String WALLED =
      """
      define qos::wal operator wal with
        read_count = 20,
        max_elements = 1000,
        max_bytes = 10485760
      end;
      create operator wal;
      select event from in into wal;
      select {"got": event} from wal into out;
      """;

  @TempDir Path tmp;
  private World world;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    port = ExampleDeployment.freePort();
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        CONFIG
            .replace("PORT", String.valueOf(port))
            .replace("OUT", tmp.resolve("out.json").toString()));
    Path walled = tmp.resolve("walled.trickle");
    Files.writeString(walled, WALLED);
    world = World.load(List.of(walled, config), Registry.load());
    world.start();
  }

  @AfterEach
  void stop() {
    world.stop();
    http.close();
  }

  @Test
  void everyRequestGetsItsOwnAnswerAfterTheWal() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/n"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"got\":{\"n\":" + i + "}}");
    }
  }
}
