package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import io.quiver.testkit.ws.TestClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code quiver server run} process with a {@code type: stdout} offramp (a prefix) and a
 * {@code type: stderr} offramp (a prefix and the base64 postprocessor), fed by a ws onramp: every
 * event shows up on the process's own stdout and stderr as a whole line in Tremor's format. The
 * always-running {@code system::stdout} is an instance of {@code type: stdout} (json, no prefix).
 */
class StdStreamOfframpIT {
  @TempDir Path dir;
  private Process server;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private List<String> lines(String file, String prefix) throws IOException {
    return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith(prefix))
        .toList();
  }

  private String logs() throws IOException {
    return Files.readString(dir.resolve("out.txt")) + Files.readString(dir.resolve("err.txt"));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void eventsAreWrittenAsLinesToTheProcessStreams() throws Exception {
    int port = ExampleDeployment.freePort();
    Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    Files.writeString(
        dir.resolve("std.yaml"),
        """
        onramp:
          - id: ws
            type: ws
            codec: json
            preprocessors: [lines]
            config:
              host: 127.0.0.1
              port: %d
        offramp:
          - id: console
            type: stdout
            config:
              prefix: "out> "
          - id: errors
            type: stderr
            postprocessors: [base64]
            config:
              prefix: "err> "
        binding:
          - id: main
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/pass/{instance}/in"]
              "/pipeline/pass/{instance}/out":
                - /offramp/console/{instance}/in
                - /offramp/errors/{instance}/in
                - /offramp/system::stdout/system/in
        mapping:
          /binding/main/01:
            instance: "01"
        """
            .formatted(port));
    List<String> args =
        List.of(
            ProcessHandle.current().info().command().orElseThrow(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "server",
            "run",
            "-n",
            "-f",
            "pass.trickle",
            "-f",
            "std.yaml");
    server =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening(port)) {
      assertThat(server.isAlive()).as("server still running; logs: %s", logs()).isTrue();
      assertThat(System.nanoTime() < deadline).as("listening within 60 s; %s", logs()).isTrue();
      server.waitFor(20, TimeUnit.MILLISECONDS);
    }
    TestClient client = TestClient.connect(port);
    cleanup.add(client);
    int events = 200;
    List<String> expectedOut = new ArrayList<>();
    List<String> expectedErr = new ArrayList<>();
    List<String> expectedSystem = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      client.send("{\"n\":" + i + ",\"s\":\"é\"}\n");
      String json = "{\"n\":" + i + ",\"s\":\"é\"}";
      expectedOut.add("out> " + json);
      expectedSystem.add(json);
      expectedErr.add(
          "err> " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lines("out.txt", "out> ").size() < events
        || lines("err.txt", "err> ").size() < events
        || lines("out.txt", "{").size() < events) {
      assertThat(System.nanoTime() < deadline).as("all lines within 30 s; %s", logs()).isTrue();
      server.waitFor(20, TimeUnit.MILLISECONDS);
    }
    assertThat(lines("out.txt", "out> ")).isEqualTo(expectedOut);
    assertThat(lines("err.txt", "err> ")).isEqualTo(expectedErr);
    assertThat(lines("out.txt", "{")).isEqualTo(expectedSystem); // system::stdout: type stdout
  }
}
