package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code quiver -i edge-9 server run -n -l logger.yaml} process whose {@code type: stdin}
 * onramp (lines preprocessor) feeds a pipeline into the stdout offramp: every line written to the
 * process's stdin comes out as an event, a line longer than one 8 KiB read whole, the last line
 * without a newline too once stdin ends; then the onramp says so in the log file that Tremor's
 * log4rs YAML configured, and the process keeps running.
 */
class StdinOnrampIT {
  @TempDir Path dir;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private String read(String file) {
    try {
      Path p = dir.resolve(file);
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> events() {
    return read("out.txt").lines().filter(l -> l.startsWith("{\"line\"")).toList();
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline)
          .as(
              "%s within 60 s; out: %s err: %s log: %s",
              what, read("out.txt"), read("err.txt"), read("quiver.log"))
          .isTrue();
      server.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void linesFromStdinBecomeEventsUntilItEnds() throws Exception {
    Files.writeString(
        dir.resolve("pass.trickle"),
        "use tremor::system;\nselect {\"line\": event, \"instance\": system::instance()}"
            + " from in into out;\n");
    Files.writeString(
        dir.resolve("stdin.yaml"),
        """
        onramp:
          - id: keyboard
            type: stdin
            preprocessors: [lines]
        offramp:
          - id: console
            type: stdout
        binding:
          - id: main
            links:
              "/onramp/keyboard/{instance}/out": ["/pipeline/pass/{instance}/in"]
              "/pipeline/pass/{instance}/out": ["/offramp/console/{instance}/in"]
        mapping:
          /binding/main/01:
            instance: "01"
        """);
    Files.writeString(
        dir.resolve("logger.yaml"),
        """
        # Scan this file for changes every 30 seconds
        refresh_rate: 30 seconds
        appenders:
          file:
            kind: file
            path: "quiver.log"
            encoder:
              pattern: "{l} {t} - {m}{n}"
        root:
          level: warn
          appenders:
            - file
        loggers:
          tremor_runtime:
            level: info
            appenders:
              - file
            additive: false
        """);
    List<String> args =
        List.of(
            ProcessHandle.current().info().command().orElseThrow(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "-i",
            "edge-9",
            "server",
            "run",
            "-n",
            "-l",
            "logger.yaml",
            "-f",
            "pass.trickle",
            "stdin.yaml");
    server =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    String longLine = "x".repeat(20_000);
    List<String> expected = new ArrayList<>();
    for (String line : List.of("one", "two with spaces", longLine, "last, without newline")) {
      expected.add("{\"line\":\"" + line + "\",\"instance\":\"edge-9\"}");
    }
    OutputStream stdin = server.getOutputStream();
    stdin.write(("one\ntwo with spaces\n" + longLine + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    await("the first three events", () -> events().size() == 3);
    assertThat(events()).isEqualTo(expected.subList(0, 3));

    stdin.write("last, without newline".getBytes(StandardCharsets.UTF_8));
    stdin.close();
    await("the last event", () -> events().size() == 4);
    assertThat(events()).isEqualTo(expected);
    await("the end of stdin in the log", () -> read("quiver.log").contains("end of stdin"));
    assertThat(read("quiver.log").lines())
        .anyMatch(
            l ->
                l.startsWith("INFO io.quiver.connectors.stdio.StdinSource - [Source::")
                    && l.endsWith("Disconnected. (end of stdin)"));
    assertThat(server.isAlive()).as("the deployment keeps running after stdin ended").isTrue();
  }
}
