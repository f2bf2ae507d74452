package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tremor's metrics events over the real websocket connectors: the proxy of example 33 with {@code
 * metrics_interval_s: 0} on its ws onramp and ws offramp, {@code system::metrics} written to a
 * file. Checks Tremor's {@code ramp_events} shape (src/metrics.rs: measurement, tags ramp and port,
 * fields count, timestamp) and that the counts follow the traffic.
 */
class WsRampMetricsIT {
  private static final int MESSAGES = 5;

  @TempDir Path tmp;
  private ExampleDeployment upstream;
  private ExampleDeployment proxy;

  @AfterEach
  void stopBoth() {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void bothWsRampsReportTremorShapedRampEventsCountingTheTraffic() throws Exception {
    int upstreamPort = ExampleDeployment.freePort();
    int proxyPort = ExampleDeployment.freePortAvoiding(upstreamPort);
    upstream =
        ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort);
    List<Path> files =
        ExampleDeployment.copy(
            "33_proxies_lt_ws", tmp.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
    Path metrics = tmp.resolve("metrics.json");
    Path config =
        files.stream().filter(f -> f.toString().endsWith("config.yaml")).findFirst().orElseThrow();
    String yaml =
        Files.readString(config)
            .replace("    type: ws\n", "    type: ws\n    metrics_interval_s: 0\n")
            .replace(
                "\nbinding:\n",
                """

                  - id: metrics_file
                    type: file
                    codec: json
                    config:
                      file: "%s"

                binding:
                  - id: metrics
                    links:
                      "/pipeline/system::metrics/system/out": ["/offramp/metrics_file/{instance}/in"]
                """
                    .formatted(metrics.toString().replace("\\", "/")))
            .replace("\nmapping:\n", "\nmapping:\n  /binding/metrics/01:\n    instance: \"01\"\n");
    Files.writeString(config, yaml);
    proxy = ExampleDeployment.start(files);

    try (TestClient client = TestClient.connect(proxyPort)) {
      for (int m = 0; m < MESSAGES; m++) {
        client.send("m" + m + "\n");
        assertThat(client.nextText(Duration.ofSeconds(5))).isEqualTo("m" + m);
      }
    }
    // a ramp is named by the first link that names it in the binding's activation order
    // (docs/compatibility.md): for a linked proxy the reply links, as written in example 33
    String onramp = "tremor://localhost/onramp/ws/01/in";
    String offramp = "tremor://localhost/offramp/upstream/01/out";
    // with interval 0 each event reports the counts before it: the last one MESSAGES - 1
    Await.until(
        "both ramps reported the last message's counts",
        Duration.ofSeconds(10),
        () -> reports(metrics).stream().anyMatch(r -> is(r, offramp, "in", MESSAGES - 1)));

    List<Value> reports = reports(metrics);
    for (Value r : reports) {
      Value.Obj o = (Value.Obj) r;
      assertThat(o.fields().keySet()).containsExactly("measurement", "tags", "fields", "timestamp");
      assertThat(o.get("measurement")).isEqualTo(Value.of("ramp_events"));
      assertThat(((Value.Obj) o.get("tags")).fields().keySet()).containsExactly("ramp", "port");
      assertThat(((Value.Obj) o.get("fields")).fields().keySet()).containsExactly("count");
      assertThat(o.get("timestamp")).isInstanceOf(Value.Int.class);
    }
    assertThat(reports.stream().filter(r -> is(r, onramp, "out", MESSAGES - 1))).hasSize(1);
    assertThat(reports.stream().filter(r -> is(r, onramp, "in", MESSAGES - 1)))
        .as("an onramp's in stays 0, as in Tremor")
        .isEmpty();
    assertThat(reports.stream().filter(r -> is(r, offramp, "out", MESSAGES - 1))).hasSize(1);
    assertThat(reports.stream().filter(r -> is(r, offramp, "error", 0))).hasSize(MESSAGES);
    // each report is three events, in, out, error, with one timestamp
    for (int i = 0; i < reports.size(); i += 3) {
      assertThat(List.of(port(reports.get(i)), port(reports.get(i + 1)), port(reports.get(i + 2))))
          .containsExactly("in", "out", "error");
      assertThat(((Value.Obj) reports.get(i + 2)).get("timestamp"))
          .isEqualTo(((Value.Obj) reports.get(i)).get("timestamp"));
    }
  }

  private static boolean is(Value report, String ramp, String port, long count) {
    Value.Obj tags = (Value.Obj) ((Value.Obj) report).get("tags");
    return tags.get("ramp").equals(Value.of(ramp))
        && tags.get("port").equals(Value.of(port))
        && ((Value.Obj) ((Value.Obj) report).get("fields")).get("count").equals(Value.of(count));
  }

  private static String port(Value report) {
    return ((Value.Str) ((Value.Obj) ((Value.Obj) report).get("tags")).get("port")).value();
  }

  private static List<Value> reports(Path file) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<Value> reports = new java.util.ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          reports.add(Json.parse(line));
        }
      }
      return reports;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
