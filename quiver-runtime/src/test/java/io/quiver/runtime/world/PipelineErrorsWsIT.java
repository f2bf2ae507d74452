package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quiver.runtime.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Real websocket clients on 127.0.0.1 against a linked ws onramp: an event that dies in a pipeline
 * is answered with an error JSON on the client's connection, and a {@link Error} thrown while one
 * client's event runs stops nobody else.
 */
class PipelineErrorsWsIT {
  @TempDir Path tmp;
  private World world;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger runnerLog = (Logger) LoggerFactory.getLogger(PipelineRunner.class);

  @BeforeEach
  void captureLog() {
    log.start();
    runnerLog.addAppender(log);
  }

  @AfterEach
  void stop() {
    runnerLog.detachAppender(log);
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

  /** A JDK websocket client that collects the text messages it receives. */
  private final class Client implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final WebSocket socket;

    Client(int port) throws Exception {
      socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), this)
              .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    void send(String message) throws Exception {
      socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    String next(String what) throws InterruptedException {
      String answer = received.poll(10, TimeUnit.SECONDS);
      assertThat(answer).as("an answer to " + what).isNotNull();
      return answer;
    }

    String ask(String message) throws Exception {
      send(message);
      return next(message);
    }

    void close() throws Exception {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientWhoseEventDiesInASelectGetsAnErrorJsonAndKeepsBeingServed() throws Exception {
    int port = deploy("select event.foo from in into out;\n");
    Client client = new Client(port);

    assertThat(client.ask("{}"))
        .isEqualTo(
            "{\"error\":\"fwd.trickle:1:14: Trying to access a non existing event key `foo`\",\"event_id\":\"1:0:0\"}");
    assertThat(client.ask("{\"foo\":\"bar\"}")).isEqualTo("\"bar\"");
    client.close();
  }

  @Test
  void aJavaErrorInOneClientsEventIsLoggedAnsweredAndOtherClientsAreStillServed() throws Exception {
    int port = deploy("select event from in into out;\n");
    Client first = new Client(port);
    Client second = new Client(port);

    assertThat(first.ask("\"overflow\""))
        .isEqualTo(
            "{\"error\":\"internal error in /pipeline/fwd/01 while"
                + " sending it out of out: java.lang.StackOverflowError\",\"event_id\":\"1:0:0\"}");
    // the runner that threw is not left claimed: the other clients' events still run through it
    assertThat(second.ask("\"hello\"")).isEqualTo("\"hello\"");
    assertThat(first.ask("\"still here\"")).isEqualTo("\"still here\"");
    Client later = new Client(port);
    assertThat(later.ask("\"late\"")).isEqualTo("\"late\"");
    assertThat(
            log.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage))
        .containsExactly(
            "[Pipeline::tremor://localhost/pipeline/fwd/01] Error handling event 1:0:0: internal"
                + " error in /pipeline/fwd/01 while sending it out of out: java.lang.StackOverflowError");
    first.close();
    second.close();
    later.close();
  }
}
