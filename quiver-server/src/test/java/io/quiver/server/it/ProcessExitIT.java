package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code quiver server run} process that ends itself, as Tremor's integration cases do: by
 * an {@code exit} offramp event (status 55, after a delay) and by a file onramp's {@code
 * close_on_done}. The exit status is the one asked for, and every line a file offramp was given
 * before is on disk: the deployment stops cleanly before the JVM ends. Paths are relative to the
 * process's working directory, as in Tremor's cases.
 */
class ProcessExitIT {
  private static final int LINES = 20_000;

  @TempDir Path dir;
  private Process server;

  @AfterEach
  void kill() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
  }

  private int run(String... files) throws Exception {
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
    for (String f : files) {
      args.add("-f");
      args.add(f);
    }
    server =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("exited; log: %s", log()).isTrue();
    return server.exitValue();
  }

  private void writeInput(String last) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < LINES; i++) {
      text.append("{\"i\":").append(i).append("}\n");
    }
    Files.writeString(dir.resolve("in.json"), text.append(last));
  }

  private void assertEveryLineOnDisk() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out.log"));
    assertThat(lines).as("log: %s", log()).hasSize(LINES);
    for (int i = 0; i < LINES; i++) {
      assertThat(lines.get(i)).isEqualTo("{\"i\":" + i + "}");
    }
  }

  @Test
  void anExitEventEndsTheProcessWithItsStatusAfterTheFileOfframpIsFlushed() throws Exception {
    writeInput("{\"exit\":55,\"delay\":100}\n");
    Files.writeString(
        dir.resolve("main.trickle"),
        """
        select event from in where not present event.exit into out;
        select event from in where present event.exit into out/exit;
        """);
    Files.writeString(
        dir.resolve("config.yaml"),
        """
        onramp:
          - id: in
            type: file
            config:
              source: in.json
        offramp:
          - id: out
            type: file
            config:
              file: out.log
          - id: exit
            type: exit
        binding:
          - id: main
            links:
              "/onramp/in/{i}/out": ["/pipeline/main/{i}/in"]
              "/pipeline/main/{i}/out": ["/offramp/out/{i}/in"]
              "/pipeline/main/{i}/exit": ["/offramp/exit/{i}/in"]
        mapping:
          /binding/main/01: {i: "01"}
        """);
    assertThat(run("config.yaml", "main.trickle")).as("log: %s", log()).isEqualTo(55);
    assertEveryLineOnDisk();
    assertThat(log())
        .contains("exit requested: status 55 in 100 ms")
        .contains("stopping (exit requested by the deployment, status 55)")
        .contains("deployment stopped");
  }

  @Test
  void closeOnDoneEndsTheProcessWithStatusZeroAfterTheFileOfframpIsFlushed() throws Exception {
    writeInput("");
    Files.writeString(dir.resolve("main.trickle"), "select event from in into out;\n");
    Files.writeString(
        dir.resolve("config.yaml"),
        """
        onramp:
          - id: in
            type: file
            config:
              source: in.json
              close_on_done: true
        offramp:
          - id: out
            type: file
            config:
              file: out.log
        binding:
          - id: main
            links:
              "/onramp/in/{i}/out": ["/pipeline/main/{i}/in"]
              "/pipeline/main/{i}/out": ["/offramp/out/{i}/in"]
        mapping:
          /binding/main/01: {i: "01"}
        """);
    assertThat(run("config.yaml", "main.trickle")).as("log: %s", log()).isZero();
    assertEveryLineOnDisk();
  }

  @Test
  void aMissingSourceEndsTheProcessWithStatusOneAndOneLineNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("main.trickle"), "select event from in into out;\n");
    Files.writeString(
        dir.resolve("config.yaml"),
        """
        onramp:
          - id: in
            type: file
            config:
              source: nope.json.xz
        offramp:
          - id: out
            type: file
            config:
              file: out.log
        binding:
          - id: main
            links:
              "/onramp/in/{i}/out": ["/pipeline/main/{i}/in"]
              "/pipeline/main/{i}/out": ["/offramp/out/{i}/in"]
        mapping:
          /binding/main/01: {i: "01"}
        """);
    assertThat(run("config.yaml", "main.trickle")).isEqualTo(1);
    assertThat(log())
        .contains(
            "config.yaml:5:7: /onramp/in: invalid value \"nope.json.xz\" for configuration source:"
                + " cannot read "
                + dir.toRealPath().resolve("nope.json.xz")
                + ": no such file")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
