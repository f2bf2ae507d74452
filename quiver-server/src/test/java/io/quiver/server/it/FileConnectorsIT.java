package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.spi.ProcessExit;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The file onramp, a pipeline and the file offramp in one deployment ({@link World}), with real
 * files: round trips (plain and xz, CRLF, a last line without newline), a large file, {@code
 * close_on_done} through {@link ProcessExit}, and files that cannot be read or written.
 */
class FileConnectorsIT {
  @TempDir Path dir;
  private World world;
  private final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
    ProcessExit.install(null);
  }

  static String deployment(Path source, String onrampExtra, Path target) {
    return """
        onramp:
          - id: in
            type: file
            config:
              source: "SOURCE"
              EXTRA
        offramp:
          - id: out
            type: file
            config:
              file: "TARGET"
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/main/{instance}/in"]
              "/pipeline/main/{instance}/out": ["/offramp/out/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("SOURCE", source.toString())
        .replace("EXTRA", onrampExtra)
        .replace("TARGET", target.toString());
  }

  private World load(String yaml, String trickle) throws Exception {
    Path pipeline = dir.resolve("main.trickle");
    Files.writeString(pipeline, trickle);
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    return World.load(List.of(pipeline, config), Registry.load());
  }

  private static void writeXz(Path file, String text) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0))) {
      xz.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFileRoundTripsThroughAPipelineLineByLine() throws Exception {
    Path in = dir.resolve("in.json");
    Files.writeString(in, "{\"a\":1}\r\n{\"b\": [1, 2]}\n{\"c\":\"last, no newline\"}");
    Path out = Files.writeString(dir.resolve("out.log"), "left over from an earlier run\n");
    world = load(deployment(in, "", out), "select event from in into out;\n");
    world.start();
    Await.until("3 lines written", () -> lines(out).size() == 3);
    assertThat(Files.readString(out))
        .isEqualTo("{\"a\":1}\n{\"b\":[1,2]}\n{\"c\":\"last, no newline\"}\n");
  }

  @Test
  void anXzSourceIsDecompressed() throws Exception {
    Path in = dir.resolve("in.json.xz");
    writeXz(in, "{\"n\":1}\n{\"n\":2}\n");
    Path out = dir.resolve("out.log");
    world = load(deployment(in, "", out), "select event.n + 1 from in into out;\n");
    world.start();
    Await.until("2 lines written", () -> lines(out).size() == 2);
    assertThat(lines(out)).containsExactly("2", "3");
  }

  @Test
  void aLargeFileArrivesWholeAndInOrder() throws Exception {
    int n = 100_000;
    StringBuilder text = new StringBuilder(n * 40);
    for (int i = 0; i < n; i++) {
      text.append("{\"i\":").append(i).append(",\"pad\":\"").append("x".repeat(20)).append("\"}\n");
    }
    Path in = dir.resolve("in.json");
    Files.writeString(in, text);
    Path out = dir.resolve("out.log");
    world = load(deployment(in, "", out), "select event.i from in into out;\n");
    world.start();
    Await.until("all lines written", Duration.ofSeconds(120), () -> lines(out).size() == n);
    List<String> got = lines(out);
    for (int i = 0; i < n; i++) {
      assertThat(got.get(i)).isEqualTo(Integer.toString(i));
    }
  }

  @Test
  void closeOnDoneAsksForTheProcessToEndWithStatusZeroAfterTheLastLine() throws Exception {
    ProcessExit.install(exits::add);
    Path in = Files.writeString(dir.resolve("in.json"), "1\n2\n3\n");
    Path out = dir.resolve("out.log");
    world =
        load(
            deployment(in, "close_on_done: true\n      sleep_on_done: 50", out),
            "select event from in into out;\n");
    world.start();
    assertThat(exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    world.stop(); // what the shutdown hook does after the exit request
    world = null;
    assertThat(Files.readString(out)).isEqualTo("1\n2\n3\n");
  }

  @Test
  void anEmptyLineIsAnErrorEventOnTheOnrampsErrPortAsInTremor() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "1\n\n2\n");
    Path out = dir.resolve("out.log");
    Path errors = dir.resolve("errors.log");
    String yaml =
        """
        onramp:
          - id: in
            type: file
            config:
              source: "SOURCE"
        offramp:
          - id: out
            type: file
            config:
              file: "TARGET"
          - id: errors
            type: file
            config:
              file: "ERRORS"
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/main/{instance}/in"]
              "/pipeline/main/{instance}/out": ["/offramp/out/{instance}/in"]
              "/onramp/in/{instance}/err": ["/pipeline/errs/{instance}/in"]
              "/pipeline/errs/{instance}/out": ["/offramp/errors/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
            .replace("SOURCE", in.toString())
            .replace("TARGET", out.toString())
            .replace("ERRORS", errors.toString());
    Files.writeString(dir.resolve("errs.trickle"), "select event.error from in into out;\n");
    Path pipeline = dir.resolve("main.trickle");
    Files.writeString(pipeline, "select event from in into out;\n");
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    world = World.load(List.of(dir.resolve("errs.trickle"), pipeline, config), Registry.load());
    world.start();
    Await.until(
        "two events and one error", () -> lines(out).size() == 2 && lines(errors).size() == 1);
    assertThat(lines(out)).containsExactly("1", "2");
    assertThat(lines(errors).get(0)).contains("Eof at character 0");
  }

  @Test
  void aSourceThatCannotBeReadRefusesTheDeploymentNamingTheFile() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(
            () ->
                load(
                    deployment(missing, "", dir.resolve("out.log")),
                    "select event from in into out;\n"))
        .hasMessageContaining("/onramp/in")
        .hasMessageContaining(
            "cannot read "
                + missing
                + ": no such file (relative paths are resolved against the directory quiver"
                + " runs in)");
  }

  @Test
  void aTargetInAMissingDirectoryRefusesTheDeploymentNamingTheDirectory() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "1\n");
    Path target = dir.resolve("no/such/dir/out.log");
    assertThatThrownBy(() -> load(deployment(in, "", target), "select event from in into out;\n"))
        .hasMessageContaining("/offramp/out")
        .hasMessageContaining(
            "cannot create "
                + target
                + ": the directory "
                + target.getParent()
                + " does not exist (create it first;");
  }
}
