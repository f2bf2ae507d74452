package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code quiver server run} process with its API on a free port, driven by real {@code
 * quiver api} processes: Tremor's client output and exit codes, the probes, the storage directory,
 * and {@code -n} turning all of it off.
 */
class ApiCommandIT {
  @TempDir Path dir;
  private Process server;
  private int apiPort;

  @BeforeEach
  void startServer() throws Exception {
    Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    Files.writeString(
        dir.resolve("config.yaml"),
        """
        onramp:
          - id: tick
            type: metronome
            config: {interval: 100000}
        binding:
          - id: main
            links:
              "/onramp/tick/{instance}/out": ["/pipeline/pass/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """);
    apiPort = freePort();
    server =
        java(
                "server",
                "run",
                "--api-host",
                "127.0.0.1:" + apiPort,
                "-d",
                "store",
                "-f",
                "pass.trickle",
                "config.yaml")
            .redirectOutput(dir.resolve("server.out").toFile())
            .redirectError(dir.resolve("server.err").toFile())
            .start();
    Await.until(
        "the API listens", Duration.ofSeconds(90), () -> listening(apiPort) || !server.isAlive());
    assertThat(server.isAlive()).as("server runs: %s", serverLog()).isTrue();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
  }

  @Test
  void theClientPrintsAsTremorsAndExitsAsTremors() throws Exception {
    assertThat(api("-f", "json", "version")).isEqualTo("0 {\"version\":\"0.11.12\"}\n|");
    assertThat(api("onramp", "list")).isEqualTo("0 [\"tick\"]\n|");
    assertThat(api("pipeline", "fetch", "nope")).isEqualTo("0 |Not found\n");

    Files.writeString(dir.resolve("echo.yaml"), "id: echo\ntype: stdout\n");
    assertThat(api("-f", "json", "offramp", "create", "echo.yaml"))
        .isEqualTo(
            "0 {\"id\":\"echo\",\"type\":\"stdout\",\"description\":\"\",\"linked\":false}\n|");
    assertThat(api("offramp", "create", "echo.yaml")).isEqualTo("0 |Conflict\n");
    Files.writeString(
        dir.resolve("out.json"),
        "{\"id\":\"out\",\"links\":{\"/pipeline/pass/{instance}/out\":[\"/offramp/echo/{instance}/in\"]}}");
    assertThat(api("binding", "create", "out.json")).startsWith("0 ---\nid: out\n");
    Files.writeString(dir.resolve("m.yaml"), "instance: \"01\"\n");
    assertThat(api("-f", "json", "binding", "activate", "out", "01", "m.yaml"))
        .startsWith("0 {\"id\":\"out\",\"description\":\"\",\"links\":");
    assertThat(api("binding", "instance", "out", "01"))
        .contains("tremor://localhost/offramp/echo/01/in");
    assertThat(api("offramp", "delete", "echo")).isEqualTo("0 |Conflict\n");
    assertThat(api("binding", "deactivate", "out", "01")).isEqualTo("0 |");
    assertThat(api("offramp", "delete", "echo")).startsWith("0 {\"id\":\"echo\"");

    assertThat(api("onramp", "create", "notes.txt"))
        .isEqualTo("1 |Failed to open `notes.txt`: file not found\n");
    Files.writeString(dir.resolve("notes.txt"), "id: x\n");
    assertThat(api("onramp", "create", "notes.txt")).isEqualTo("1 |Unsupported format: txt\n");
    assertThat(javaOut("api", "--url", "http://127.0.0.1:" + freePort(), "version"))
        .startsWith("1 |cannot reach the API at http://127.0.0.1:");

    try (var snapshots = Files.list(dir.resolve("store"))) {
      // offramp created, binding created, activated, deactivated, offramp deleted
      assertThat(snapshots.count()).isEqualTo(5);
    }
  }

  @Test
  void theProbesAnswer() throws Exception {
    assertThat(curl("/health")).isEqualTo("200 {\"status\":\"ok\"}");
    assertThat(curl("/ready")).isEqualTo("200 {\"status\":\"ready\"}");
  }

  @Test
  void metricsAreServedInPrometheusTextThatPromtoolAccepts() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var r =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + apiPort + "/metrics"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains(
            "quiver_events_sent_total{artefact=\"tick\",instance=\"01\",kind=\"onramp\",port=\"out\"}")
        .contains("jvm_threads_current");
    Path text = dir.resolve("metrics.txt");
    Files.writeString(text, r.body());
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(text.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as("promtool check metrics: " + said).isZero();
  }

  @Test
  void noApiMeansNothingListens() throws Exception {
    int port = freePort();
    Process quiet =
        java(
                "server",
                "run",
                "-n",
                "--api-host",
                "127.0.0.1:" + port,
                "-f",
                "pass.trickle",
                "config.yaml")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("quiet.out").toFile())
            .start();
    try {
      Await.until(
          "the deployment runs",
          Duration.ofSeconds(90),
          () -> log("quiet.out").contains("quiver is running") || !quiet.isAlive());
      assertThat(listening(port)).isFalse();
    } finally {
      quiet.destroy();
      quiet.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // ---- helpers ----

  private String curl(String path) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var r =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + apiPort + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  /** {@code quiver api --url ... ARGS}: {@code "<exit> <stdout>|<stderr>"}. */
  private String api(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("api", "--url", "http://127.0.0.1:" + apiPort));
    all.addAll(List.of(args));
    return javaOut(all.toArray(String[]::new));
  }

  private String javaOut(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = java(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue()
        + " "
        + Files.readString(out, StandardCharsets.UTF_8)
        + "|"
        + Files.readString(err, StandardCharsets.UTF_8);
  }

  private ProcessBuilder java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
    b.environment().put("HOME", dir.toString()); // no ~/.tremor/config.yaml of the machine
    return b;
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "";
    }
  }

  private String serverLog() {
    return log("server.out") + log("server.err");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
