package io.quiver.server.it;

import static io.quiver.server.it.HttpServerRecipeIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 36 (a quota service over a kv store, with a log receiver that applies the quotas), the
 * README's transcript: in this JVM on free ports, its store and log file in a temporary folder.
 */
class QuotaServiceRecipeIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @TempDir Path dir;

  private ExampleDeployment service;

  /** Starts a copy of a quota service folder: HTTP on {@code port}, logs on {@code logsPort}. */
  static ExampleDeployment startNode(String example, Path into, int from, int port, int logsPort)
      throws Exception {
    List<Path> files = ExampleDeployment.copy(example, into, from, port, 12202, logsPort);
    Path initial = ExampleDeployment.EXAMPLES.resolve("36_quota_service/initial.json");
    for (Path f : files) {
      Files.writeString(
          f,
          Files.readString(f)
              .replace("source: initial.json", "source: " + initial.toString().replace('\\', '/'))
              .replace(
                  "dir: var/state", "dir: " + into.resolve("state").toString().replace('\\', '/'))
              .replace(
                  "file: var/logs.json",
                  "file: " + into.resolve("logs.json").toString().replace('\\', '/')));
    }
    ExampleDeployment node = ExampleDeployment.start(files);
    Await.until(
        "the default quotas are in the store",
        WITHIN,
        () -> quotas(port).contains("\"application_default\":100"));
    return node;
  }

  /** GET /quotas with keys sorted, or "" while it fails. */
  static String quotas(int port) {
    try {
      return Json.writeSorted(json(Http.get(port, "/quotas")));
    } catch (Exception | AssertionError e) {
      return "";
    }
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void quotasAreReadChangedAndRemoved() throws Exception {
    int port = ExampleDeployment.freePortAvoiding(8139, 12202);
    int logs = ExampleDeployment.freePortAvoiding(8139, 12202, port);
    service = startNode("36_quota_service", dir, 8139, port, logs);

    assertThat(quotas(port))
        .isEqualTo(
            "{\"application_default\":100,\"host_default\":500,\"index_default\":100,"
                + "\"logger_default\":50,\"tremolo\":100}");
    assertThat(Http.get(port, "/quotas/index_default").body()).isEqualTo("{\"index_default\":100}");

    HttpResponse<String> put = Http.send("PUT", port, "/quotas/tremolo", "application/json", "1");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.body()).isEqualTo("{\"tremolo\":100}");
    assertThat(Http.get(port, "/quotas/tremolo").body()).isEqualTo("{\"tremolo\":1}");

    HttpResponse<String> delete = Http.send("DELETE", port, "/quotas/tremolo", null, "");
    assertThat(delete.statusCode()).isEqualTo(200);
    assertThat(delete.body()).isEqualTo("{\"tremolo\":1}");
    HttpResponse<String> again = Http.send("DELETE", port, "/quotas/tremolo", null, "");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo("{\"error\":\"'tremolo' not found\"}");

    HttpResponse<String> missing = Http.get(port, "/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo("{\"error\":\"Path '/nope' not found for method GET\",\"event\":\"\"}");
    assertThat(Http.get(port, "/snot").body()).isEqualTo("\"badger\"");
  }

  @Test
  void aChangedQuotaReachesTheLogPipelineAtOnce() throws Exception {
    int port = ExampleDeployment.freePortAvoiding(8139, 12202);
    int logs = ExampleDeployment.freePortAvoiding(8139, 12202, port);
    service = startNode("36_quota_service", dir, 8139, port, logs);
    Path out = dir.resolve("logs.json");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), logs)) {
      OutputStream o = s.getOutputStream();
      send(o, "{\"message\":\"m1\",\"application\":\"tremolo\"}");
      Await.until("the first line is written", WITHIN, () -> written(out).contains("\"m1\""));
      assertThat(line(out, "m1"))
          .contains("\"tremor_class\":\"tremolo\",\"tremor_class_rate\":100");

      Http.send("PUT", port, "/quotas/tremolo", "application/json", "1");
      send(o, "{\"message\":\"m2\",\"application\":\"tremolo\"}");
      Await.until("the second line is written", WITHIN, () -> written(out).contains("\"m2\""));
      assertThat(line(out, "m2")).contains("\"tremor_class\":\"tremolo\",\"tremor_class_rate\":1");
    }
    // the store's answers were not taken for log lines
    assertThat(written(out)).doesNotContain("\"ok\"");
  }

  private static void send(OutputStream o, String line) throws Exception {
    o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    o.flush();
  }

  private static String written(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (Exception e) {
      return "";
    }
  }

  private static String line(Path file, String message) {
    return written(file)
        .lines()
        .filter(l -> l.contains("\"" + message + "\""))
        .findFirst()
        .orElseThrow();
  }
}
