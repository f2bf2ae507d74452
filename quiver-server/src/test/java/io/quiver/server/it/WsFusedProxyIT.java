package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.ws.WsOfframp;
import io.quiver.connectors.ws.WsOnramp;
import io.quiver.spi.metrics.LatencyHistogram;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The websocket proxy of bench/ws-proxy (no pre- or postprocessors, identity pipelines, per-client
 * sessions) with its pass-through fused and with {@code -Dquiver.fuse=false}: the same answers, the
 * same errors, and the same event counts on every port for the same traffic.
 */
class WsFusedProxyIT {
  private static final String ONRAMP = "/onramp/clients/01";
  private static final String OFFRAMP = "/offramp/upstream/01";

  @TempDir Path tmp;
  private ExampleDeployment upstream;
  private ExampleDeployment proxy;
  private int upstreamPort;
  private int proxyPort;

  @AfterEach
  void stopAll() {
    System.clearProperty("quiver.fuse");
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private void startUpstream() throws Exception {
    upstream =
        ExampleDeployment.start(
            "31_servers_lt_ws", tmp.resolve("upstream" + System.nanoTime()), 8139, upstreamPort);
  }

  private void startProxy(boolean fuse) throws Exception {
    startProxy(fuse, false);
  }

  /**
   * @param lines the seed's proxy (example 33): {@code lines} as the onramp's preprocessor and the
   *     offramp's postprocessor
   */
  private void startProxy(boolean fuse, boolean lines) throws Exception {
    System.setProperty("quiver.fuse", String.valueOf(fuse));
    Path dir =
        Files.createDirectories(tmp.resolve("proxy-" + fuse + "-" + lines + System.nanoTime()));
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: clients
            type: ws
            linked: true
            codec: string
            %s
            config:
              host: 127.0.0.1
              port: %d
        offramp:
          - id: upstream
            type: ws
            linked: true
            codec: string
            %s
            config:
              url: ws://127.0.0.1:%d/
              reconnect:
                interval_ms: 50
        binding:
          - id: main
            links:
              "/onramp/clients/{instance}/out": ["/pipeline/to_upstream/{instance}/in"]
              "/pipeline/to_upstream/{instance}/out": ["/offramp/upstream/{instance}/in"]
              "/offramp/upstream/{instance}/out": ["/pipeline/to_client/{instance}/in"]
              "/pipeline/to_client/{instance}/out": ["/onramp/clients/{instance}/in"]
              "/offramp/upstream/{instance}/err": ["/pipeline/to_client/{instance}/in"]
        mapping:
          /binding/main/01:
            instance: "01"
        """
            .formatted(
                lines ? "preprocessors: [lines]" : "",
                proxyPort,
                lines ? "postprocessors: [lines]" : "",
                upstreamPort));
    Path up = dir.resolve("to_upstream.trickle");
    Path back = dir.resolve("to_client.trickle");
    Files.writeString(up, "select event from in into out;\n");
    Files.writeString(back, "select event from in into out;\n");
    proxy = ExampleDeployment.start(List.of(up, back, config));
  }

  private void ports() {
    upstreamPort = ExampleDeployment.freePort();
    proxyPort = ExampleDeployment.freePortAvoiding(upstreamPort);
  }

  private WsOnramp onramp() {
    return (WsOnramp) proxy.world().source(ONRAMP);
  }

  @Test
  void fusedByDefaultAndSwitchedOffByTheProperty() throws Exception {
    ports();
    startUpstream();
    System.clearProperty("quiver.fuse");
    startProxy(true);
    assertThat(onramp().fused()).isTrue();
    proxy.close();
    proxy = null;
    startProxy(false);
    assertThat(onramp().fused()).isFalse();
  }

  @Test
  void manyClientsGetTheirOwnRepliesInOrderAndTheSameCountsAsUnfused() throws Exception {
    ports();
    startUpstream();
    Map<String, Long> counts = new TreeMap<>();
    for (boolean fuse : new boolean[] {false, true}) {
      startProxy(fuse);
      assertThat(onramp().fused()).isEqualTo(fuse);
      List<TestClient> clients = new ArrayList<>();
      try {
        for (int c = 0; c < 8; c++) {
          clients.add(TestClient.connect(proxyPort));
        }
        for (int round = 0; round < 20; round++) {
          for (int c = 0; c < clients.size(); c++) {
            clients.get(c).send("c" + c + "-" + round + "\n");
          }
        }
        for (int c = 0; c < clients.size(); c++) {
          for (int round = 0; round < 20; round++) {
            assertThat(clients.get(c).nextText(Duration.ofSeconds(5)))
                .isEqualTo("c" + c + "-" + round);
          }
          assertThat(clients.get(c).pending()).isEmpty();
        }
      } finally {
        clients.forEach(TestClient::close);
      }
      Map<String, Long> now = eventCounts();
      if (fuse) {
        assertThat(now).as("counts fused against unfused").isEqualTo(counts);
      } else {
        counts.putAll(now);
        assertThat(counts).containsEntry("quiver_events_received " + OFFRAMP + " in", 160L);
      }
      proxy.close();
      proxy = null;
    }
  }

  /**
   * The seed's proxy: one-line messages pass fused; a message the lines pair would change (no
   * newline, several lines) takes the usual way, and that client's later messages too, so the
   * replies keep their order; the replies and counts are those of the unfused proxy.
   */
  @Test
  void theSeedsLinesProxyFusesOneLineMessagesAndKeepsOrderAroundTheOthers() throws Exception {
    ports();
    startUpstream();
    Map<String, Long> counts = new TreeMap<>();
    List<String> unfusedReplies = new ArrayList<>();
    for (boolean fuse : new boolean[] {false, true}) {
      startProxy(fuse, true);
      assertThat(onramp().fused()).isEqualTo(fuse);
      List<String> replies = new ArrayList<>();
      try (TestClient lineByLine = TestClient.connect(proxyPort);
          TestClient mixed = TestClient.connect(proxyPort)) {
        for (int i = 0; i < 10; i++) {
          lineByLine.send("line" + i + "\n");
        }
        mixed.send("one\n");
        mixed.send("two");
        mixed.send("a\nb\n");
        mixed.send("three\n");
        for (int i = 0; i < 10; i++) {
          assertThat(lineByLine.nextText(Duration.ofSeconds(5))).isEqualTo("line" + i);
        }
        for (int i = 0; i < 5; i++) {
          replies.add(mixed.nextText(Duration.ofSeconds(5)));
        }
        assertThat(lineByLine.pending()).isEmpty();
        assertThat(mixed.pending()).isEmpty();
      }
      assertThat(replies).containsExactly("one", "two", "a", "b", "three");
      Map<String, Long> now = eventCounts();
      if (fuse) {
        assertThat(replies).isEqualTo(unfusedReplies);
        assertThat(now).as("counts fused against unfused").isEqualTo(counts);
      } else {
        unfusedReplies.addAll(replies);
        counts.putAll(now);
        assertThat(counts).containsEntry("quiver_events_received " + OFFRAMP + " in", 15L);
      }
      proxy.close();
      proxy = null;
    }
  }

  @Test
  void upstreamDownEveryRequestGetsOneErrorThenRepliesResume() throws Exception {
    ports();
    startUpstream();
    startProxy(true);
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("hello\n");
      assertThat(client.nextText()).isEqualTo("hello");
      client.send("again\n");
      assertThat(client.nextText()).isEqualTo("again");

      upstream.close();
      upstream = null;
      String error =
          "\\{\"error\":\"Error (sending event to|receiving reply from) server ws://127.0.0.1:"
              + upstreamPort
              + "/: [^\"]+\",\"event_id\":\"\\d+:0:\\d+\"}";
      for (int i = 0; i < 5; i++) {
        client.send("hello\n");
        assertThat(client.nextText(Duration.ofSeconds(2))).matches(error);
      }
      assertThat(client.pending()).as("exactly one answer per request").isEmpty();

      startUpstream();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String answer;
      do {
        client.send("hello\n");
        answer = client.nextText(Duration.ofSeconds(5));
      } while (!answer.equals("hello") && System.nanoTime() < deadline);
      assertThat(answer).as("replies flow again within 5 s").isEqualTo("hello");
    }
  }

  @Test
  void clientGoneMidFlightLeavesNoSessionBehind() throws Exception {
    ports();
    startUpstream();
    startProxy(true);
    for (int c = 0; c < 5; c++) {
      TestClient client = TestClient.connect(proxyPort);
      client.send("first\n");
      assertThat(client.nextText()).isEqualTo("first");
      for (int i = 0; i < 50; i++) {
        client.send("m" + i + "\n");
      }
      client.close(); // replies still on their way
    }
    WsOfframp offramp = (WsOfframp) proxy.world().sink(OFFRAMP);
    Await.until(
        "every session closed with its client",
        Duration.ofSeconds(10),
        () -> offramp.sessionCount() == 0 && onramp().connectedClients() == 0);
    assertThat(offramp.drained()).as("nothing left unanswered").isTrue();
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("still\n");
      assertThat(client.nextText()).isEqualTo("still");
    }
  }

  @Test
  void invalidUtf8TextClosesOnlyThatClient() throws Exception {
    ports();
    startUpstream();
    startProxy(true);
    try (TestClient good = TestClient.connect(proxyPort);
        RawWsClient bad = RawWsClient.connect(proxyPort)) {
      good.send("ok\n");
      assertThat(good.nextText()).isEqualTo("ok");
      bad.sendText("ok\n");
      assertThat(bad.readFrame().text()).isEqualTo("ok");
      bad.sendFrame(RawWsClient.TEXT, true, true, new byte[] {(byte) 0xC3, (byte) 0x28});
      RawWsClient.Frame close = bad.readFrame();
      assertThat(close.opcode()).isEqualTo(RawWsClient.CLOSE);
      assertThat(close.closeCode()).isEqualTo(1007);
      good.send("still\n");
      assertThat(good.nextText()).isEqualTo("still");
    }
  }

  /** The proxy's event counts by name, instance and port. */
  private Map<String, Long> eventCounts() {
    Map<String, Long> counts = new TreeMap<>();
    proxy
        .world()
        .reportMetrics(
            new MetricsReport() {
              @Override
              public void counter(String name, String help, long value, String... labels) {
                if (name.startsWith("quiver_events_")) {
                  counts.put(
                      name
                          + " /"
                          + label(labels, "kind")
                          + "/"
                          + label(labels, "artefact")
                          + "/"
                          + label(labels, "instance")
                          + " "
                          + label(labels, "port"),
                      value);
                }
              }

              @Override
              public void gauge(String name, String help, double value, String... labels) {}

              @Override
              public void histogram(
                  String name, String help, LatencyHistogram.Snapshot h, String... labels) {}
            });
    return counts;
  }

  private static String label(String[] labels, String key) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (labels[i].equals(key)) {
        return labels[i + 1];
      }
    }
    return "?";
  }
}
