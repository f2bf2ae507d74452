package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import io.quiver.testkit.ws.EchoWsServer;
import io.quiver.testkit.ws.TestClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code quiver server run} process receiving SIGTERM while its clients' requests wait for a
 * slow (300 ms) upstream: every request is answered, then every client gets a close frame with 1001
 * (going away), then the process exits.
 */
class ServerRunSigtermIT {
  @TempDir Path dir;
  private Process server;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) {
      server.destroyForcibly();
    }
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void sigtermAnswersEveryRequestInFlightThenClosesEveryClientWith1001() throws Exception {
    EchoWsServer upstream = EchoWsServer.slow(Duration.ofMillis(300));
    cleanup.add(upstream);
    int port = ExampleDeployment.freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "server",
                "run",
                "-n"));
    for (Path f : ShutdownDrainIT.proxyFiles(dir, upstream.url(), port)) {
      args.add("-f");
      args.add(f.getFileName().toString());
    }
    server =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening(port)) {
      assertThat(server.isAlive()).as("server still running; log: %s", log()).isTrue();
      assertThat(System.nanoTime() < deadline).as("listening within 60 s; log: %s", log()).isTrue();
      server.waitFor(20, TimeUnit.MILLISECONDS);
    }
    int clients = 20;
    int perClient = 5;
    List<TestClient> connected = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      TestClient client = TestClient.connect(port);
      cleanup.add(client);
      connected.add(client);
      for (int m = 0; m < perClient; m++) {
        client.send("c" + c + "-m" + m + "\n");
      }
    }
    for (int i = 0; i < clients * perClient; i++) { // every request is in flight
      if (upstream.poll(Duration.ofSeconds(30)) == null) {
        List<String> got = new ArrayList<>();
        connected.forEach(client -> got.addAll(client.pending()));
        throw new AssertionError(
            "request " + i + " did not reach the upstream; clients got " + got + "; log: " + log());
      }
    }

    server.destroy(); // SIGTERM

    for (int c = 0; c < clients; c++) {
      TestClient client = connected.get(c);
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < perClient; m++) {
        expected.add("c" + c + "-m" + m);
      }
      assertThat(client.nextTexts(perClient, Duration.ofSeconds(10)))
          .as("client %d; log: %s", c, log())
          .isEqualTo(expected);
      assertThat(client.closeCode(Duration.ofSeconds(10))).as("client %d", c).isEqualTo(1001);
    }
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exited; log: %s", log()).isTrue();
    assertThat(log())
        .contains("shutdown: every event taken was answered")
        .contains("deployment stopped");
  }
}
