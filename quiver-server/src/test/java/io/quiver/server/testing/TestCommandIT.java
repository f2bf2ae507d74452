package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import io.quiver.testkit.Await;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code quiver test integration} as a user does, in its own JVM, over the suite in {@code
 * src/test/resources/harness-suite}: {@code ticks} (metronome to stdout, stopped by a blackhole; a
 * before.json that waits for a port this test opens and a file it writes; passes), {@code
 * broken-query} (asserts status 1 and the error; passes), {@code wrong-expectation} (fails on
 * status and equals_file) and {@code never-ends} (tagged {@code slow}: a server that never stops,
 * failed by the timeout).
 */
class TestCommandIT {
  @TempDir Path tmp;
  Path suite;
  ServerSocket port;
  final List<Process> harnesses = new ArrayList<>();

  @BeforeEach
  void copySuite() throws Exception {
    port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    suite = tmp.resolve("suite");
    Path from = Path.of(Objects.requireNonNull(getClass().getResource("/harness-suite")).toURI());
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path to = suite.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path before = suite.resolve("ticks/before.json");
    Files.writeString(
        before, Files.readString(before).replace("PORT", String.valueOf(port.getLocalPort())));
  }

  @AfterEach
  void stop() throws IOException {
    harnesses.forEach(p -> CaseProcesses.killTree(p.toHandle()));
    port.close();
  }

  private Process harness(String... args) throws IOException {
    List<String> command = new ArrayList<>(Programs.self());
    command.add("test");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("harness.log").toFile())
            .start();
    harnesses.add(p);
    return p;
  }

  private String finish(Process p) throws Exception {
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the harness ends").isTrue();
    return Files.readString(tmp.resolve("harness.log"));
  }

  @Test
  void runsTheSuiteSkipsByTagAndWritesTremorsReport() throws Exception {
    Process p = harness("integration", suite.toString(), "-e", "slow", "-o", "out/report.json");
    String output = finish(p);

    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output.lines().filter(l -> !l.startsWith(" ")).toList())
        .as(output)
        .containsExactly(
            "PASS broken-query",
            "SKIP never-ends: tags [integration, slow] (slow)",
            "PASS ticks",
            "FAIL wrong-expectation: status: expected 0, found 1",
            "2 passed, 1 failed, 1 skipped");
    assertThat(output)
        .contains("    `stdout` equals `expected.txt`: first difference at line 1")
        .contains("      - nothing like this")
        .contains("    last lines of fg.err.log:")
        .contains("Found the token `broken`");
    assertThat(Files.readString(suite.resolve("ticks/fg.out.log")))
        .contains("\"onramp\":\"metronome\"");
    assertThat(Files.readString(suite.resolve("ticks/after.out.log"))).isEqualTo("after ran\n");
    assertGone(suite.resolve("ticks/bg.pid"));

    Value report = Json.parse(Files.readString(tmp.resolve("out/report.json")));
    assertThat(Json.write(path(report, "stats", "integration")))
        .isEqualTo("{\"pass\":2,\"fail\":1,\"skip\":1,\"assert\":8}");
    assertThat(Json.write(path(report, "stats", "all")))
        .isEqualTo("{\"pass\":2,\"fail\":1,\"skip\":1,\"assert\":8}");
    assertThat(Json.write(path(report, "excludes"))).isEqualTo("[\"slow\"]");
    Value.Arr reports = (Value.Arr) path(report, "reports", "integration");
    assertThat(reports.size()).isEqualTo(3);
    Value ticks = path(reports.get(1), "elements", "integration");
    assertThat(Json.write(path(ticks, "name"))).isEqualTo("\"ticks\"");
    assertThat(Json.write(path(ticks, "stats")))
        .isEqualTo("{\"pass\":4,\"fail\":0,\"skip\":0,\"assert\":4}");
    assertThat(((Value.Obj) path(ticks, "evidence")).fields())
        .containsKeys("before: stdout", "after: stdout", "test: stdout", "test: stderr");
  }

  @Test
  void aCaseThatNeverEndsFailsAtTheTimeoutAndLeavesNoProcess() throws Exception {
    Process p = harness("it", suite.toString(), "-i", "slow", "--timeout", "8", "-q");
    String output = finish(p);

    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output.lines().toList())
        .as(output)
        .startsWith(
            "FAIL never-ends: status: expected 0, but timed out after 8 s: `server run` was still"
                + " running and was killed (end it with an exit offramp, close_on_done or"
                + " stop_after_secs, or raise --timeout)")
        .endsWith("0 passed, 1 failed, 3 skipped");
    assertGone(suite.resolve("never-ends/bg.pid"));
    assertNoProcessMentions(suite.resolve("never-ends").toString());
  }

  @Test
  void interruptingTheHarnessStopsTheProcessesOfTheRunningCase() throws Exception {
    Process p = harness("it", suite.toString(), "-i", "slow", "--timeout", "200");
    Path out = suite.resolve("never-ends/fg.out.log");
    Await.until(
        "the never-ending server prints ticks",
        Duration.ofSeconds(60),
        () -> Files.exists(suite.resolve("never-ends/bg.pid")) && size(out) > 0);

    p.destroy(); // SIGTERM, as Ctrl-C ends the JVM through its shutdown hooks

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertGone(suite.resolve("never-ends/bg.pid"));
    assertNoProcessMentions(suite.resolve("never-ends").toString());
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    assertThat(Main.run("test", "smoke", suite.toString())).isEqualTo(2);
    assertThat(Main.run("test", "it", tmp.resolve("nowhere").toString())).isEqualTo(2);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void assertGone(Path pidFile) throws Exception {
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    Await.until(
        "before process " + pid + " has ended",
        Duration.ofSeconds(10),
        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }

  private static void assertNoProcessMentions(String dir) throws InterruptedException {
    Await.until(
        "no process runs artefacts of " + dir,
        Duration.ofSeconds(10),
        () ->
            ProcessHandle.allProcesses()
                .noneMatch(
                    h ->
                        h.info().arguments().stream()
                            .flatMap(Stream::of)
                            .anyMatch(a -> a.startsWith(dir))));
  }

  private static Value path(Value v, String... keys) {
    for (String k : keys) {
      v = ((Value.Obj) v).get(k);
    }
    return v;
  }
}
