package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WsHandshakeIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSourceContext context;

  private WsOnramp onramp(WsOnrampSettings settings) throws Exception {
    context = new RecordingSourceContext(false);
    return fixture.onramp(context, settings);
  }

  private static Value list(String... items) {
    return Value.array(java.util.Arrays.stream(items).map(Value::of).toArray(Value[]::new));
  }

  @Test
  void originsOutsideTheAllowListGetHttp403() throws Exception {
    WsOnramp onramp = onramp(TestSettings.onramp("allowed_origins", list("https://app.example")));
    try (RawWsClient evil =
        RawWsClient.connect(onramp.boundPort(), "/", "Origin: https://evil.example")) {
      assertThat(evil.handshakeResponse).startsWith("HTTP/1.1 403 Forbidden\r\n");
    }
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", onramp.boundPort())) {
      s.getOutputStream()
          .write(RawWsClient.handshakeRequest("/", "Origin: https://evil.example").getBytes());
      assertThat(new String(s.getInputStream().readAllBytes()))
          .endsWith("\r\n\r\norigin https://evil.example is not allowed\n");
    }
    try (RawWsClient good =
            RawWsClient.connect(onramp.boundPort(), "/", "Origin: https://app.example");
        RawWsClient noOrigin = RawWsClient.connect(onramp.boundPort(), "/")) {
      assertThat(good.status()).isEqualTo(101);
      assertThat(noOrigin.status()).isEqualTo(101);
      context.nextOpened();
      context.nextOpened();
    }
    assertThat(onramp.metrics().connectionsRejected()).isEqualTo(2);
  }

  @Test
  void aConfiguredPathIsTheOnlyOneAccepted() throws Exception {
    WsOnramp onramp = onramp(TestSettings.onramp("path", "/ws"));
    try (RawWsClient wrong = RawWsClient.connect(onramp.boundPort(), "/other")) {
      assertThat(wrong.handshakeResponse).startsWith("HTTP/1.1 404 Not Found\r\n");
    }
    try (RawWsClient prefix = RawWsClient.connect(onramp.boundPort(), "/ws/deeper")) {
      assertThat(prefix.status()).isEqualTo(404);
    }
    try (TestClient right = TestClient.connect(onramp.boundPort(), "/ws?token=1")) {
      context.nextOpened();
      right.send("in");
      assertThat(context.nextReceived().text()).isEqualTo("in");
    }
    assertThat(context.opened).isEmpty();
  }

  @Test
  void forwardedHeadersAndTheSubprotocolAreInTheEventMeta() throws Exception {
    WsOnramp onramp =
        onramp(
            TestSettings.onramp(
                "forward_headers",
                list("Authorization", "Cookie"),
                "subprotocols",
                list("a.v1", "b.v2")));
    try (TestClient client =
        TestClient.connect(
            HttpClient.newHttpClient(),
            URI.create("ws://127.0.0.1:" + onramp.boundPort() + "/"),
            "b.v2",
            "authorization",
            "Bearer xyz")) {
      assertThat(client.subprotocol()).isEqualTo("b.v2");
      client.send("x");
      assertThat(context.nextReceived().meta())
          .isEqualTo(
              Value.obj(
                  "binary",
                  Value.FALSE,
                  "ws",
                  Value.obj(
                      "path", Value.of("/"),
                      "headers", Value.obj("Authorization", Value.of("Bearer xyz")),
                      "subprotocol", Value.of("b.v2"))));
    }
  }

  @Test
  void anUnsupportedSubprotocolIsNotSelected() throws Exception {
    WsOnramp onramp = onramp(TestSettings.onramp("subprotocols", list("a.v1")));
    try (TestClient client =
        TestClient.connect(
            HttpClient.newHttpClient(),
            URI.create("ws://127.0.0.1:" + onramp.boundPort() + "/"),
            "zzz")) {
      assertThat(client.subprotocol()).isEmpty();
      client.send("x");
      assertThat(context.nextReceived().meta())
          .isEqualTo(Value.obj("binary", Value.FALSE, "ws", Value.obj("path", Value.of("/"))));
    }
  }

  @Test
  void theOfframpSendsConfiguredHeadersAndSubprotocols() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO, null, "p.v1");
    fixture.add(up);
    RecordingSinkContext sink = new RecordingSinkContext(true);
    WsOfframp offramp =
        new WsOfframp(
            sink.artefact(),
            TestSettings.offramp(
                up.url(),
                "headers",
                Value.obj("Authorization", Value.of("Bearer static")),
                "subprotocols",
                list("p.v1")));
    offramp.start(sink);
    fixture.add(offramp::stop);
    offramp.onEvent(
        new io.quiver.value.Event(
            new io.quiver.value.EventId(1, 0, 0), 1, Value.of("hi"), Value.EMPTY_OBJECT, 1));
    assertThat(sink.next().event().data()).isEqualTo(Value.of("hi"));
    assertThat(up.handshakeHeaders.poll(5, TimeUnit.SECONDS).get("Authorization"))
        .isEqualTo("Bearer static");
    assertThat(up.subprotocols.poll()).isEqualTo("p.v1");
  }

  @Test
  void forwardedHeadersWinOverConfiguredOnes() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("forward_headers", list("Authorization")));
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.offramp(
                up.url(), "headers", Value.obj("Authorization", Value.of("Bearer static"))));
    fixture.bridge(onramp, offramp);
    try (TestClient withAuth =
            TestClient.connect(
                HttpClient.newHttpClient(),
                URI.create("ws://127.0.0.1:" + onramp.boundPort() + "/"),
                null,
                "Authorization",
                "Bearer client");
        TestClient withoutAuth = TestClient.connect(onramp.boundPort())) {
      withAuth.send("a");
      assertThat(withAuth.nextText()).isEqualTo("a");
      assertThat(up.handshakeHeaders.poll(5, TimeUnit.SECONDS).get("Authorization"))
          .isEqualTo("Bearer client");
      withoutAuth.send("b");
      assertThat(withoutAuth.nextText()).isEqualTo("b");
      assertThat(up.handshakeHeaders.poll(5, TimeUnit.SECONDS).get("Authorization"))
          .isEqualTo("Bearer static");
    }
  }
}
