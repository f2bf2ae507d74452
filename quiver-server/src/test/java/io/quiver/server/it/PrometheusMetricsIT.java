package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.metrics.MetricsScrape;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The websocket proxy (examples 31 and 33) under real traffic, scraped as Prometheus would: the
 * text is checked by Prometheus' own tools ({@code promtool check metrics}) and read back with the
 * Python client's parser (both from Debian, installed by {@code .ci/run}), whose samples must count
 * exactly the traffic sent.
 */
class PrometheusMetricsIT {
  private static final int CLIENTS = 3;
  private static final int MESSAGES = 10;

  @TempDir Path tmp;

  private int upstreamPort;
  private ExampleDeployment upstream;
  private ExampleDeployment proxy;
  private int proxyPort;

  @BeforeEach
  void startBoth() throws Exception {
    upstreamPort = ExampleDeployment.freePort();
    proxyPort = ExampleDeployment.freePortAvoiding(upstreamPort);
    upstream =
        ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort);
    proxy =
        ExampleDeployment.start(
            "33_proxies_lt_ws", tmp.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
  }

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
  void scrapeParsesAndCountsTheTrafficSent() throws Exception {
    MetricsScrape scrape = MetricsScrape.of(proxy.world());
    for (int c = 0; c < CLIENTS; c++) {
      try (TestClient client = TestClient.connect(proxyPort)) {
        for (int m = 0; m < MESSAGES; m++) {
          client.send("c" + c + "m" + m + "\n");
          assertThat(client.nextText(Duration.ofSeconds(5))).isEqualTo("c" + c + "m" + m);
        }
        client.send("\u0000\u0000 not a line\n"); // still a string: echoed too
        assertThat(client.nextText(Duration.ofSeconds(5))).isEqualTo("\u0000\u0000 not a line");
      }
    }
    int sent = CLIENTS * (MESSAGES + 1);
    String[] onramp = {"kind", "onramp", "artefact", "ws", "instance", "01"};
    Await.until(
        "the proxy saw every client close",
        Duration.ofSeconds(10),
        () ->
            samples(scrape)
                    .getOrDefault(
                        key("quiver_connections_closed_total", onramp, "protocol", "ws"), 0.0)
                == CLIENTS);

    Path text = tmp.resolve("metrics.txt");
    Files.writeString(text, scrape.scrapeText());
    Run promtool = run(text, "promtool", "check", "metrics");
    assertThat(promtool.exit()).as("promtool check metrics: " + promtool.output()).isZero();

    Map<String, Double> s = parsed(text);
    String[] pipeline = {"kind", "pipeline", "artefact", "pass_incoming", "instance", "01"};
    String[] replies = {"kind", "pipeline", "artefact", "pass_outgoing", "instance", "01"};
    String[] offramp = {"kind", "offramp", "artefact", "upstream", "instance", "01"};
    Map<String, Double> expected = new java.util.LinkedHashMap<>();
    expected.put(key("quiver_events_sent_total", onramp, "port", "out"), (double) sent);
    expected.put(key("quiver_events_received_total", pipeline, "port", "in"), (double) sent);
    expected.put(key("quiver_events_sent_total", pipeline, "port", "out"), (double) sent);
    expected.put(key("quiver_events_received_total", offramp, "port", "in"), (double) sent);
    expected.put(key("quiver_events_sent_total", offramp, "port", "out"), (double) sent);
    expected.put(key("quiver_events_received_total", replies, "port", "in"), (double) sent);
    expected.put(key("quiver_events_received_total", onramp, "port", "in"), (double) sent);
    expected.put(key("quiver_offramp_errors_total", offramp), 0.0);
    expected.put(key("quiver_pipeline_errors_total", pipeline), 0.0);
    expected.put(
        key("quiver_connections_opened_total", onramp, "protocol", "ws"), (double) CLIENTS);
    expected.put(key("quiver_connections_open", onramp, "protocol", "ws"), 0.0);
    expected.put(key("quiver_ws_close_frames_total", onramp, "code", "1000"), (double) CLIENTS);
    expected.put(
        key("quiver_connections_opened_total", offramp, "protocol", "ws"), (double) CLIENTS);
    expected.put(key("quiver_reply_timeouts_total", offramp), 0.0);
    expected.put(key("quiver_onramp_streams", onramp), 0.0);
    expected.put(key("quiver_pipeline_queue_depth", pipeline), 0.0);
    Map<String, Double> actual = new java.util.LinkedHashMap<>();
    expected.keySet().forEach(k -> actual.put(k, s.get(k)));
    assertThat(actual).isEqualTo(expected);
    assertThat(s)
        .containsKey("jvm_memory_used_bytes{area=\"heap\"}")
        .containsKey("jvm_threads_current");
    assertThat(s.get(key("quiver_events_sent_total", onramp, "port", "err")))
        .as("nothing undecodable was sent")
        .isIn(null, 0.0);
    // one event in 16 of each pipeline is timed, its first included
    assertThat(s.get(key("quiver_pipeline_latency_seconds_count", pipeline)))
        .isEqualTo((double) ((sent + 15) / 16));
    assertThat(s.get(key("quiver_pipeline_latency_seconds_bucket", pipeline, "le", "+Inf")))
        .isEqualTo((double) ((sent + 15) / 16));
  }

  @Test
  void reconnectsAndErrorsOfAnUpstreamThatWentAwayAreCounted() throws Exception {
    MetricsScrape scrape = MetricsScrape.of(proxy.world());
    String[] offramp = {"kind", "offramp", "artefact", "upstream", "instance", "01"};
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("hello\n");
      assertThat(client.nextText()).isEqualTo("hello");
      upstream.close();
      upstream = null;
      for (int i = 0; i < 3; i++) {
        client.send("hello\n");
        assertThat(client.nextText(Duration.ofSeconds(5))).startsWith("{\"error\":");
      }
      Await.until(
          "a reconnect attempt",
          Duration.ofSeconds(10),
          () ->
              samples(scrape).getOrDefault(key("quiver_upstream_reconnects_total", offramp), 0.0)
                  > 0);
    }
    Path text = tmp.resolve("down.txt");
    Files.writeString(text, scrape.scrapeText());
    Map<String, Double> s = parsed(text);
    assertThat(s.get(key("quiver_upstream_connect_failures_total", offramp))).isPositive();
    assertThat(s.get(key("quiver_events_sent_total", offramp, "port", "err")))
        .as("each of the three requests answered by an error out of the offramp's err port")
        .isEqualTo(3.0);
    assertThat(run(text, "promtool", "check", "metrics").exit()).isZero();
  }

  /** A sample's key as {@link #parsed} gives it: the labels sorted by name. */
  private static String key(String name, String[] instance, String... labels) {
    java.util.TreeMap<String, String> all = new java.util.TreeMap<>();
    for (String[] pairs : new String[][] {instance, labels}) {
      for (int i = 0; i < pairs.length; i += 2) {
        all.put(pairs[i], pairs[i + 1]);
      }
    }
    StringBuilder k = new StringBuilder(name).append('{');
    all.forEach((n, v) -> k.append(n).append("=\"").append(v).append("\","));
    k.setLength(k.length() - 1);
    return k.append('}').toString();
  }

  /** The samples of a scrape, read by the Python client's parser: name{labels} -> value. */
  private Map<String, Double> samples(MetricsScrape scrape) {
    try {
      Path text = Files.createTempFile(tmp, "scrape", ".txt");
      Files.writeString(text, scrape.scrapeText());
      return parsed(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String PARSER =
      """
      import sys
      from prometheus_client.parser import text_string_to_metric_families
      for family in text_string_to_metric_families(sys.stdin.read()):
          for s in family.samples:
              labels = ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items()))
              print("%s%s\\t%r" % (s.name, "{" + labels + "}" if labels else "", s.value))
      """;

  private Map<String, Double> parsed(Path text) throws Exception {
    Run python = run(text, "/usr/bin/python3", "-c", PARSER);
    assertThat(python.exit()).as("the Python client's parser: " + python.output()).isZero();
    Map<String, Double> samples = new HashMap<>();
    for (String line : python.output().split("\n")) {
      if (!line.isEmpty()) {
        int tab = line.lastIndexOf('\t');
        samples.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
      }
    }
    return samples;
  }

  private record Run(int exit, String output) {}

  private static Run run(Path stdin, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p =
        new ProcessBuilder(cmd).redirectInput(stdin.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 30 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
