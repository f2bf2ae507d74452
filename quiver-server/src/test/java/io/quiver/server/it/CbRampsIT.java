package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code quiver server run} processes with a {@code cb} onramp feeding a {@code cb} offramp
 * through a pipeline, as Tremor's {@code cb_*} and {@code select-window-gd} integration cases do:
 * the process ends by itself once the onramp's timeout passed, with status 0 and Tremor's message
 * when every ack and fail came back, or 1 with Tremor's report when some did not.
 */
class CbRampsIT {
  @TempDir Path dir;
  private Process server;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private static String config(String onrampConfig) {
    return """
        onramp:
          - id: input
            type: cb
            config:
        %s
        offramp:
          - id: output
            type: cb
        binding:
          - id: gd
            links:
              "/onramp/input/{i}/out": ["/pipeline/main/{i}/in"]
              "/pipeline/main/{i}/out": ["/offramp/output/{i}/in"]
        mapping:
          /binding/gd/01:
            i: "01"
        """
        .formatted(onrampConfig.indent(6).stripTrailing());
  }

  /** Runs the deployment to its end; returns the exit status. */
  private int run(String query, String config, String input) throws Exception {
    Files.writeString(dir.resolve("main.trickle"), query);
    Files.writeString(dir.resolve("config.yaml"), config);
    if (input != null) {
      Files.writeString(dir.resolve("in.json"), input);
    }
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
            "config.yaml",
            "-f",
            "main.trickle");
    server =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    assertThat(server.waitFor(90, TimeUnit.SECONDS))
        .as("the process ends by itself; %s", logs())
        .isTrue();
    return server.exitValue();
  }

  private String logs() throws IOException {
    return Files.readString(dir.resolve("out.txt")) + Files.readString(dir.resolve("err.txt"));
  }

  private List<String> stderr() throws IOException {
    return Files.readAllLines(dir.resolve("err.txt"));
  }

  @Test
  void everyEventAnsweredEndsTheProcessWithZeroAndTremorsMessage() throws Exception {
    int status =
        run(
            "select event from in into out;\n",
            config("source: in.json\ntimeout: 500"),
            // the circuit broken by the last event pauses the onramp; the file still ends
            "{\"cb\":\"fail\"}\n{\"cb\":[\"ack\",\"open\"]}\n{\"cb\":[\"fail\",\"close\"]}\n");
    assertThat(status).as(logs()).isZero();
    assertThat(stderr()).containsOnlyOnce("All required CB events received.");
  }

  @Test
  void aWindowsEventAnswersForTheEventsItAggregated() throws Exception {
    int status =
        run(
            """
            define tumbling window two with size = 2 end;
            select aggr::win::last(event) from in[two] group by event.cb into out;
            """,
            config("source: in.json\ntimeout: 500\nexpect_batched: true"),
            "\n{\"cb\":\"fail\"}\n{\"cb\":\"ack\"}\n{\"cb\":\"fail\"}\n{\"cb\":\"ack\"}\n");
    assertThat(status).as(logs()).isZero();
    assertThat(stderr()).contains("All required CB events received.");
  }

  @Test
  void eventsWithoutAnAnswerEndTheProcessWithOneAndTremorsReport() throws Exception {
    int status =
        run(
            "select event from in into out;\n",
            config("source: in.json\ntimeout: 300"),
            "{\"cb\":\"ack\"}\n{\"no\":\"answer\"}\n{\"cb\":\"fail\"}\n");
    assertThat(status).as(logs()).isEqualTo(1);
    assertThat(stderr())
        .containsSubsequence("Expected CB events up to id 2.", "Got acks: [0]", "Got fails: [2]")
        .doesNotContain("All required CB events received.");
  }

  @Test
  void aMissingSourceFileIsRefusedAtStartupNamingFileLineAndKey() throws Exception {
    int status = run("select event from in into out;\n", config("source: missing.json"), null);
    assertThat(status).isEqualTo(1);
    assertThat(stderr())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("config.yaml:")
                    .contains("/onramp/input")
                    .contains("\"missing.json\"")
                    .contains("source")
                    .contains("file not found"));
  }
}
