package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Value;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (headless Chromium from the PATH, skipped when there is none) as the client of a
 * proxy: page served over HTTP, its websocket through onramp, offramp and upstream. Checks the
 * origin allow-list, subprotocol negotiation, a forwarded header, browser pongs, and replies.
 */
class WsBrowserIT {
  @TempDir Path profile;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  private static Optional<Path> chromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Value list(String... items) {
    return Value.array(java.util.Arrays.stream(items).map(Value::of).toArray(Value[]::new));
  }

  @Test
  void chromiumTalksThroughTheProxyWithSubprotocolOriginCheckAndPongs() throws Exception {
    Optional<Path> browser = chromium();
    Assumptions.assumeTrue(
        browser.isPresent(), "no chromium on the PATH (apt-get install chromium)");

    TestUpstream up =
        TestUpstream.start(
            text -> text.equals("snot") ? List.of("badger") : List.of(), null, "chat.v1");
    cleanup.add(up);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    cleanup.add(() -> http.stop(0));
    String origin = "http://127.0.0.1:" + http.getAddress().getPort();

    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp(
                "allowed_origins",
                list(origin),
                "subprotocols",
                list("chat.v1"),
                "forward_headers",
                list("User-Agent"),
                "ping_interval_ms",
                100,
                "pong_timeout_ms",
                5000));
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT, TestSettings.offramp(up.url(), "reply_timeout_ms", 0));
    new Bridge().connect(onramp, offramp);
    cleanup.add(onramp::stop);
    cleanup.add(offramp::stop);
    WsOnramp strict =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("allowed_origins", list("https://elsewhere.example")));
    strict.start(new RecordingSourceContext(false));
    cleanup.add(strict::stop);

    String page =
        """
        <!doctype html><html><body><script>
        const good = "ws://127.0.0.1:GOOD/";
        const bad = "ws://127.0.0.1:BAD/";
        const refused = new WebSocket(bad, "chat.v1");
        let opened = false;
        refused.onopen = () => { opened = true; refused.close(); };
        refused.onclose = (e) => talk("refused " + (opened ? "no: it opened" : e.code));
        function talk(first) {
          const ws = new WebSocket(good, "chat.v1");
          ws.onopen = () => { ws.send(first); ws.send("snot"); };
          ws.onmessage = (m) => ws.send("got " + m.data + " via " + ws.protocol);
        }
        </script></body></html>
        """
            .replace("GOOD", Integer.toString(onramp.boundPort()))
            .replace("BAD", Integer.toString(strict.boundPort()));
    serve(http, page);

    launch(browser.get(), origin);

    assertThat(nextText(up)).isEqualTo("refused 1006");
    assertThat(nextText(up)).isEqualTo("snot");
    assertThat(nextText(up)).isEqualTo("got badger via chat.v1");
    assertThat(up.subprotocols.poll(5, TimeUnit.SECONDS)).isEqualTo("chat.v1");
    assertThat(up.handshakeHeaders.poll(5, TimeUnit.SECONDS).get("User-Agent"))
        .contains("HeadlessChrome/");
    assertThat(strict.metrics().connectionsRejected()).isEqualTo(1);
    Await.until("3 pings answered by the browser", () -> onramp.metrics().pingsSent() >= 3);
    assertThat(onramp.metrics().pongsMissed()).isZero();
    assertThat(onramp.connectedClients()).isEqualTo(1);
  }

  /** Serves {@code page} at the root of {@code http} and starts it. */
  private static void serve(HttpServer http, String page) {
    http.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
  }

  /** Opens {@code url} in headless Chromium, stopped (helper processes too) after the test. */
  private void launch(Path browser, String url) throws Exception {
    Process chrome =
        new ProcessBuilder(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + profile,
                url + "/")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    cleanup.add(
        () -> {
          // stop Chromium's helper processes too, or they keep writing into the profile folder
          List<ProcessHandle> tree = new ArrayList<>(chrome.descendants().toList());
          tree.add(chrome.toHandle());
          tree.forEach(ProcessHandle::destroy);
          for (ProcessHandle p : tree) {
            try {
              p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
              p.destroyForcibly();
            }
          }
        });
  }

  @Test
  void chromiumNegotiatesPermessageDeflateAndItsCompressedMessagesGoThroughTheProxy()
      throws Exception {
    Optional<Path> browser = chromium();
    Assumptions.assumeTrue(
        browser.isPresent(), "no chromium on the PATH (apt-get install chromium)");

    TestUpstream up = TestUpstream.start(text -> List.of("length " + text.length()));
    cleanup.add(up);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    cleanup.add(() -> http.stop(0));
    String origin = "http://127.0.0.1:" + http.getAddress().getPort();
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("compression", Value.obj("enabled", Value.TRUE)));
    WsOfframp offramp =
        new WsOfframp(RecordingSourceContext.ARTEFACT, TestSettings.offramp(up.url()));
    new Bridge().connect(onramp, offramp);
    cleanup.add(onramp::stop);
    cleanup.add(offramp::stop);

    // a repetitive 30,000-byte message: the browser compresses it; the reply says what the upstream
    // got
    String page =
        """
        <!doctype html><html><body><script>
        const ws = new WebSocket("ws://127.0.0.1:PORT/");
        ws.onopen = () => ws.send("abc".repeat(10000));
        let answered = false;
        ws.onmessage = (m) => { if (!answered) { answered = true; ws.send(m.data + " with " + ws.extensions); } };
        </script></body></html>
        """
            .replace("PORT", Integer.toString(onramp.boundPort()));
    serve(http, page);
    launch(browser.get(), origin);

    assertThat(nextText(up)).isEqualTo("abc".repeat(10000));
    assertThat(nextText(up)).startsWith("length 30000 with permessage-deflate");
    assertThat(onramp.metrics().compressedConnections()).isEqualTo(1);
  }

  private static String nextText(TestUpstream up) throws InterruptedException {
    TestUpstream.Received r =
        up.received.poll(30, TimeUnit.SECONDS); // a cold browser start is slow
    if (r == null) {
      throw new AssertionError("the upstream received nothing from the browser within 30 s");
    }
    return r.text();
  }
}
