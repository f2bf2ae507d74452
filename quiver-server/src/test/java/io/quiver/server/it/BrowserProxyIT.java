package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quiver.testkit.ws.HeadlessChromium;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's proxy with a real browser as its client: headless Chromium opens a page, talks to the
 * proxy (example 33) with the browser's own WebSocket, and reports every message it receives back
 * to the test over HTTP. Skipped when no Chromium is installed (.ci/run installs it).
 */
class BrowserProxyIT {
  @TempDir Path tmp;

  private ExampleDeployment upstream;
  private ExampleDeployment proxy;
  private HttpServer http;
  private HeadlessChromium chrome;
  private final BlockingQueue<String> seenByBrowser = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    if (http != null) {
      http.stop(0);
    }
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void browserGetsRepliesAndTheErrorWhileTheUpstreamIsDown() throws Exception {
    Path browser = HeadlessChromium.require();
    int upstreamPort = ExampleDeployment.freePort();
    int proxyPort = ExampleDeployment.freePort();
    upstream =
        ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort);
    proxy =
        ExampleDeployment.start(
            "33_proxies_lt_ws", tmp.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
    servePage(proxyPort);

    chrome =
        HeadlessChromium.open(
            browser,
            tmp.resolve("profile"),
            tmp.resolve("chromium.log"),
            "http://127.0.0.1:" + http.getAddress().getPort() + "/");

    assertThat(next()).isEqualTo("hello");
    assertThat(next()).isEqualTo("badger");

    upstream.close();
    upstream = null;
    String error =
        "\\{\"error\":\"Error (sending event to|receiving reply from) server ws://localhost:"
            + upstreamPort
            + ": [^\"]+\",\"event_id\":\"1:0:\\d+\"}";
    String seen;
    do {
      seen = next(); // the page keeps sending "hello"; replies before the stop are still "hello"
    } while (seen.equals("hello"));
    assertThat(seen).matches(error);
  }

  /** Serves the page and collects what it reports (POST /seen). */
  private void servePage(int proxyPort) throws Exception {
    String page =
        """
        <!doctype html><html><body><script>
        // reports go one after the other, so the test sees them in the order they arrived
        let reported = Promise.resolve();
        const report = (text) => {
          reported = reported.then(() => fetch("/seen", {method: "POST", body: text}));
        };
        const ws = new WebSocket("ws://127.0.0.1:PROXY/");
        let replies = 0;
        ws.onopen = () => { ws.send("hello\\n"); };
        ws.onmessage = (m) => {
          report(m.data);
          replies++;
          if (replies === 1) {
            ws.send("snot\\n");
          } else {
            setTimeout(() => ws.send("hello\\n"), 200);
          }
        };
        ws.onclose = (e) => report("closed " + e.code);
        </script></body></html>
        """
            .replace("PROXY", Integer.toString(proxyPort));
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/seen",
        exchange -> {
          seenByBrowser.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    HeadlessChromium.servePage(http, page);
  }

  private String next() throws InterruptedException {
    String s = seenByBrowser.poll(30, TimeUnit.SECONDS); // a cold browser start is slow
    if (s == null) {
      throw new AssertionError(
          "the browser reported nothing within 30 s (see chromium.log in " + tmp + ")");
    }
    return s;
  }
}
