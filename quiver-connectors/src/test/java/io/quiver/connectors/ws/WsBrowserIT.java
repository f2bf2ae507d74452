package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.HeadlessChromium;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (headless Chromium from the PATH, skipped when there is none) as the client of a
 * proxy: page served over HTTP, its websocket through onramp, offramp and upstream. Checks the
 * origin allow-list, subprotocol negotiation, a forwarded header, browser pongs, and replies.
 */
class WsBrowserIT {
  @TempDir Path profile;
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  private static Value list(String... items) {
    return Value.array(java.util.Arrays.stream(items).map(Value::of).toArray(Value[]::new));
  }

  @Test
  void chromiumTalksThroughTheProxyWithSubprotocolOriginCheckAndPongs() throws Exception {
    Path browser = HeadlessChromium.require();

    TestUpstream up =
        TestUpstream.start(
            text -> text.equals("snot") ? List.of("badger") : List.of(), null, "chat.v1");
    fixture.add(up);
    HttpServer http = pageServer();
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
    fixture.bridge(onramp, offramp);
    WsOnramp strict =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("allowed_origins", list("https://elsewhere.example")));
    strict.start(new RecordingSourceContext(false));
    fixture.add(strict::stop);

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
    HeadlessChromium.servePage(http, page);

    launch(browser, origin);

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

  /** An HTTP server on 127.0.0.1 for the page (started once it serves), stopped after the test. */
  private HttpServer pageServer() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fixture.add(() -> http.stop(0));
    return http;
  }

  /** Opens {@code url} in headless Chromium, stopped (helper processes too) after the test. */
  private void launch(Path browser, String url) throws Exception {
    fixture.add(
        HeadlessChromium.open(browser, profile, profile.resolve("chromium.log"), url + "/"));
  }

  @Test
  void chromiumNegotiatesPermessageDeflateAndItsCompressedMessagesGoThroughTheProxy()
      throws Exception {
    Path browser = HeadlessChromium.require();

    TestUpstream up = TestUpstream.start(text -> List.of("length " + text.length()));
    fixture.add(up);
    HttpServer http = pageServer();
    String origin = "http://127.0.0.1:" + http.getAddress().getPort();
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("compression", Value.obj("enabled", Value.TRUE)));
    WsOfframp offramp =
        new WsOfframp(RecordingSourceContext.ARTEFACT, TestSettings.offramp(up.url()));
    fixture.bridge(onramp, offramp);

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
    HeadlessChromium.servePage(http, page);
    launch(browser, origin);

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
