package io.quiver.connectors.cloud.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.Deployment;
import io.quiver.connectors.cloud.FakeHttpService;
import io.quiver.connectors.cloud.FakeHttpService.Response;
import io.quiver.connectors.cloud.Wal;
import io.quiver.testkit.Await;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newrelic offramp against a protocol-level Log API on 127.0.0.1 (not New Relic itself): the
 * requests exactly as the Log API documents them, a refused record, the service away and back.
 */
class NewRelicIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  @TempDir Path tmp;

  private static String config(FakeHttpService api, boolean compress) {
    return """
            type: newrelic
            config:
              license_key: "lk-123"
              compress_logs: %s
              endpoint: "%s/log/v1"
        """
        .formatted(compress, api.url());
  }

  private static String body(FakeHttpService.Request r) {
    if (!"gzip".equals(r.header("Content-Encoding"))) {
      return r.text();
    }
    try (var in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void eachEventIsPostedAsOneGzippedLogWithTheLicenseKey() throws Exception {
    try (var api = new FakeHttpService(r -> Response.json(202, "{\"requestId\":\"x\"}"));
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "{\"message\":\"hello\",\"timestamp\":1700000000000,\"level\":\"info\"}",
                    "{\"message\":\"second\",\"timestamp\":1700000000001}"),
                Wal.PASS,
                config(api, true))) {
      Await.until("two requests", WITHIN, () -> api.requests.size() >= 2);
      FakeHttpService.Request first = api.requests.get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.uri()).isEqualTo("/log/v1");
      assertThat(first.header("X-License-Key")).isEqualTo("lk-123");
      assertThat(first.header("Content-Type")).isEqualTo("application/json");
      assertThat(first.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(body(first))
          .isEqualTo(
              "[{\"logs\":[{\"timestamp\":1700000000000,\"message\":\"hello\","
                  + "\"attributes\":{\"level\":\"info\"}}]}]");
      assertThat(body(api.requests.get(1)))
          .isEqualTo(
              "[{\"logs\":[{\"timestamp\":1700000000001,\"message\":\"second\","
                  + "\"attributes\":{}}]}]");
    }
  }

  @Test
  void aRefusedRecordBecomesAnErrorEventAndTheRestFlows() throws Exception {
    try (var api =
            new FakeHttpService(
                r ->
                    r.text().contains("bad")
                        ? Response.json(400, "{\"error\":\"bad log\"}")
                        : Response.json(202, "{}"));
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "{\"message\":\"one\"}", "{\"message\":\"bad\"}", "{\"message\":\"three\"}"),
                Wal.PASS,
                config(api, false))) {
      Await.until("one error event", WITHIN, () -> Deployment.lines(d.err).size() >= 1);
      Await.until("three requests", WITHIN, () -> api.requests.size() >= 3);
      assertThat(Deployment.lines(d.err).get(0))
          .contains("error sending newrelic logs: HTTP 400: {\\\"error\\\":\\\"bad log\\\"}")
          .contains("\"event_id\":");
      assertThat(api.requests.get(2).text()).contains("\"message\":\"three\"");
      assertThat(api.requests.get(2).header("Content-Encoding")).isNull();
    }
  }

  @Test
  void nothingIsLostWhileTheServiceIsAwayBehindAWal() throws Exception {
    int total = 30;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      inputs.add("{\"message\":\"m" + i + "\"}");
    }
    try (var api = new FakeHttpService(r -> Response.json(202, "{}"))) {
      api.stop();
      try (var d = Deployment.offramp(tmp, inputs, Wal.WAL, config(api, false))) {
        Await.until("an error while away", WITHIN, () -> !Deployment.lines(d.err).isEmpty());
        assertThat(Deployment.lines(d.err).get(0)).contains("service unreachable");
        api.restart();
        TreeSet<String> seen = new TreeSet<>();
        Await.until(
            "all " + total + " logs delivered",
            Duration.ofSeconds(60),
            () -> {
              api.requests.forEach(
                  r -> {
                    String t = r.text();
                    int at = t.indexOf("\"message\":\"m");
                    seen.add(t.substring(at + 11, t.indexOf('"', at + 12)));
                  });
              return seen.size() == total;
            });
      }
    }
  }

  @Test
  void badConfigIsRefusedAtStartupNamingTheKey() {
    assertThatThrownBy(
            () ->
                Deployment.offramp(
                    tmp, List.of(), Wal.PASS, "    type: newrelic\n    config: {}\n"))
        .hasMessageContaining("/offramp/target")
        .hasMessageContaining("exactly one of license_key and insert_key must be given");
    assertThatThrownBy(
            () ->
                Deployment.offramp(
                    tmp,
                    List.of(),
                    Wal.PASS,
                    "    type: newrelic\n    config:\n      insert_key: k\n      region: mars\n"))
        .hasMessageContaining(
            "invalid value \"mars\" for configuration region: value must be one of usa, europe");
  }
}
