package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.testkit.ws.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real websocket clients on 127.0.0.1 against a linked ws onramp: an event that dies in a pipeline
 * is answered with an error JSON on the client's connection, and a {@link Error} thrown while one
 * client's event runs stops nobody else.
 */
class PipelineErrorsWsIT {
  @TempDir Path tmp;
  private World world;
  @AutoClose private final RunnerErrorLog log = new RunnerErrorLog();

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * ws onramp -> fwd -> memory offramp (echoing; throws StackOverflowError on "overflow") -> back
   * -> ws.
   */
  private int deploy(String fwd) throws Exception {
    int port = freePort();
    Path fwdFile = Files.writeString(tmp.resolve("fwd.trickle"), fwd);
    Path backFile =
        Files.writeString(tmp.resolve("back.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
        onramp:
          - id: ws
            type: ws
            linked: true
            codec: json
            config: {host: 127.0.0.1, port: PORT}
        offramp:
          - id: echo
            type: memory
            linked: true
            codec: json
            config: {echo: true, overflow_on: "overflow"}
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/echo/{instance}/in"]
              "/offramp/echo/{instance}/out": ["/pipeline/back/{instance}/in"]
              "/pipeline/back/{instance}/out": ["/onramp/ws/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
                .replace("PORT", Integer.toString(port)));
    world = World.load(List.of(fwdFile, backFile, config), Registry.load());
    world.start();
    return port;
  }

  /** Sends one message and returns the answer (at most 10 s later). */
  private static String ask(TestClient client, String message) throws Exception {
    client.send(message);
    return client.nextText(Duration.ofSeconds(10));
  }

  @Test
  void aClientWhoseEventDiesInASelectGetsAnErrorJsonAndKeepsBeingServed() throws Exception {
    int port = deploy("select event.foo from in into out;\n");
    TestClient client = TestClient.connect(port);

    assertThat(ask(client, "{}"))
        .isEqualTo(
            "{\"error\":\"fwd.trickle:1:14: Trying to access a non existing event key `foo`\",\"event_id\":\"1:0:0\"}");
    assertThat(ask(client, "{\"foo\":\"bar\"}")).isEqualTo("\"bar\"");
    client.close();
  }

  @Test
  void aJavaErrorInOneClientsEventIsLoggedAnsweredAndOtherClientsAreStillServed() throws Exception {
    int port = deploy("select event from in into out;\n");
    TestClient first = TestClient.connect(port);
    TestClient second = TestClient.connect(port);

    assertThat(ask(first, "\"overflow\""))
        .isEqualTo(
            "{\"error\":\"internal error in /pipeline/fwd/01 while"
                + " sending it out of out: java.lang.StackOverflowError\",\"event_id\":\"1:0:0\"}");
    // the runner that threw is not left claimed: the other clients' events still run through it
    assertThat(ask(second, "\"hello\"")).isEqualTo("\"hello\"");
    assertThat(ask(first, "\"still here\"")).isEqualTo("\"still here\"");
    TestClient later = TestClient.connect(port);
    assertThat(ask(later, "\"late\"")).isEqualTo("\"late\"");
    assertThat(log.errorLines())
        .containsExactly(
            "[Pipeline::tremor://localhost/pipeline/fwd/01] Error handling event 1:0:0: internal"
                + " error in /pipeline/fwd/01 while sending it out of out: java.lang.StackOverflowError");
    first.close();
    second.close();
    later.close();
  }
}
