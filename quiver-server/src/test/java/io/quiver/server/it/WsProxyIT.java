package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's websocket proxy end to end: examples 31 (upstream) and 33 (proxy) running in this JVM
 * on real sockets, driven by the JDK's websocket client.
 */
class WsProxyIT {
  @TempDir Path tmp;

  private int upstreamPort;
  private int proxyPort;
  private ExampleDeployment upstream;
  private ExampleDeployment proxy;

  @BeforeEach
  void startBoth() throws Exception {
    upstreamPort = ExampleDeployment.freePort();
    proxyPort = ExampleDeployment.freePort();
    upstream = startUpstream();
    proxy =
        ExampleDeployment.start(
            "33_proxies_lt_ws", tmp.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
  }

  private ExampleDeployment startUpstream() throws Exception {
    return ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort);
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
  void seedTranscriptThroughTheProxyAndDirectly() throws Exception {
    try (TestClient viaProxy = TestClient.connect(proxyPort)) {
      viaProxy.send("hello\n");
      assertThat(viaProxy.nextText()).isEqualTo("hello");
    }
    try (TestClient direct = TestClient.connect(upstreamPort)) {
      direct.send("hello\n");
      assertThat(direct.nextText()).isEqualTo("hello");
    }
    try (TestClient viaProxy = TestClient.connect(proxyPort)) {
      viaProxy.send("snot\n");
      assertThat(viaProxy.nextText()).isEqualTo("badger");
    }
  }

  @Test
  void everyLineOfAMessageIsAnsweredInOrderAndAMessageEndsALine() throws Exception {
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("a\nb\nc\n");
      assertThat(client.nextTexts(3, Duration.ofSeconds(5))).containsExactly("a", "b", "c");
      client.send("x");
      assertThat(client.nextText()).isEqualTo("x");
      client.send("snot");
      assertThat(client.nextText()).isEqualTo("badger");
    }
  }

  @Test
  void upstreamDownEveryRequestGetsOneErrorThenRepliesResume() throws Exception {
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("hello\n");
      assertThat(client.nextText()).isEqualTo("hello");

      upstream.close();
      upstream = null;
      String error =
          "\\{\"error\":\"Error (sending event to|receiving reply from) server ws://localhost:"
              + upstreamPort
              + ": [^\"]+\",\"event_id\":\"1:0:\\d+\"}";
      for (int i = 0; i < 5; i++) {
        client.send("hello\n");
        assertThat(client.nextText(Duration.ofSeconds(2))).matches(error);
      }
      assertThat(client.pending()).as("exactly one answer per request").isEmpty();

      upstream = startUpstream();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      String answer;
      do {
        client.send("hello\n");
        answer = client.nextText(Duration.ofSeconds(5));
      } while (!answer.equals("hello") && System.nanoTime() < deadline);
      assertThat(answer).as("replies flow again within 5 s").isEqualTo("hello");
    }
  }

  @Test
  void newClientsWhileUpstreamIsDownGetTheErrorToo() throws Exception {
    upstream.close();
    upstream = null;
    for (int i = 0; i < 3; i++) {
      try (TestClient client = TestClient.connect(proxyPort)) {
        client.send("hello\n");
        assertThat(client.nextText(Duration.ofSeconds(2)))
            .startsWith(
                "{\"error\":\"Error sending event to server ws://localhost:" + upstreamPort + ": ")
            .matches(".*\"event_id\":\"1:0:\\d+\"}");
      }
    }
  }

  @Test
  void hundredClientsGetExactlyTheirOwnRepliesInOrder() throws Exception {
    // 100 per-client sessions connect to the upstream at once; on a starved machine (load average
    // 15 on 2 cores) that took longer than example 33's default connect_timeout_ms of 2 s, and a
    // connect error is an answer this test does not expect: give the connects room, nothing else
    proxy.close();
    List<Path> files =
        ExampleDeployment.copy(
            "33_proxies_lt_ws", tmp.resolve("patient-proxy"), 8139, upstreamPort, 9139, proxyPort);
    for (Path f : files) {
      String text = Files.readString(f);
      String url = "url: \"ws://localhost:" + upstreamPort + "\"";
      Files.writeString(f, text.replace(url, url + "\n      connect_timeout_ms: 60000"));
    }
    proxy = ExampleDeployment.start(files);
    int clients = 100;
    int messages = 100;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        Callable<List<String>> task =
            () -> {
              try (TestClient client = TestClient.connect(proxyPort)) {
                for (int m = 0; m < messages; m++) {
                  client.send("client" + id + "-message" + m + "\n");
                }
                List<String> got = client.nextTexts(messages, Duration.ofSeconds(60));
                assertThat(client.pending()).isEmpty();
                return got;
              }
            };
        results.add(pool.submit(task));
      }
      for (int c = 0; c < clients; c++) {
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
          expected.add("client" + c + "-message" + m);
        }
        assertThat(results.get(c).get(90, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClientFasterThanItsUpstreamIsHeldBackAndLosesNothing() throws Exception {
    // example 33 keeps the default max_in_flight (128); one burst of 5000 small messages arrives in
    // far fewer reads than messages, so the session fills up within a single read: the client is
    // held back (frames already read wait) instead of getting "too many events in flight" errors
    int messages = 5000;
    try (TestClient client = TestClient.connect(proxyPort)) {
      for (int m = 0; m < messages; m++) {
        client.send("m" + m + "\n");
      }
      List<String> got = client.nextTexts(messages, Duration.ofSeconds(60));
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < messages; m++) {
        expected.add("m" + m);
      }
      assertThat(got).containsExactlyElementsOf(expected);
      assertThat(client.pending()).isEmpty();
    }
  }

  @Test
  void invalidUtf8GetsTheOnrampErrorAndTheConnectionKeepsWorking() throws Exception {
    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("first\n");
      assertThat(client.nextText()).isEqualTo("first");
      client.sendBinary(new byte[] {(byte) 0xff, '\n'});
      assertThat(client.nextText())
          .isEqualTo(
              "{\"error\":\"invalid utf-8 sequence of 1 bytes from index 0\",\"event_id\":1,"
                  + "\"source_id\":\"tremor://localhost/onramp/ws/01/in\"}");
      client.send("still here\n");
      assertThat(client.nextText()).isEqualTo("still here");
    }
  }
}
