package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Ports;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.WirePeer;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only RFC 6455 handshakes are accepted, and a broken handshake key is reported as what it is: by
 * the onramp as HTTP 400 with the reason, by the offramp as an error naming the bad
 * Sec-WebSocket-Accept (not "HTTP error: 101 Switching Protocols").
 */
class WsHandshakeRulesIT {
  private RecordingSourceContext context;
  private WsOnramp onramp;
  private WsOfframp offramp;

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
    if (offramp != null) {
      offramp.stop();
    }
  }

  private void onramp(Object... config) throws Exception {
    context = new RecordingSourceContext(false);
    onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, TestSettings.onramp(config));
    onramp.start(context);
  }

  /** Sends {@code request} and returns the whole response (the onramp closes after a refusal). */
  private String exchange(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", onramp.boundPort())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String request(String... headers) {
    StringBuilder r = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      r.append(h).append("\r\n");
    }
    return r.append("\r\n").toString();
  }

  private void assertNoClientAccepted() throws Exception {
    assertThat(context.opened).isEmpty();
    try (RawWsClient good = RawWsClient.connect(onramp.boundPort())) {
      assertThat(good.status()).isEqualTo(101);
      context.nextOpened();
    }
  }

  @Test
  void anObsoleteVersionWithTheOldOriginHeaderGets426AndCannotBypassAllowedOrigins()
      throws Exception {
    onramp("allowed_origins", Value.array(Value.of("https://app.example")));
    String response =
        exchange(
            request(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 8",
                "Sec-WebSocket-Origin: https://evil.example",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
    assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required\r\n");
    assertThat(response).contains("\r\nsec-websocket-version: 13\r\n");
    assertThat(response)
        .endsWith("\r\n\r\nwebsocket version 8 is not supported; use version 13 (RFC 6455)\n");
    assertThat(onramp.metrics().connectionsRejected()).isEqualTo(1);
    assertNoClientAccepted();
  }

  @Test
  void version7Gets426() throws Exception {
    onramp();
    String response =
        exchange(
            request(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 7",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
    assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required\r\n");
    assertThat(response)
        .endsWith("\r\n\r\nwebsocket version 7 is not supported; use version 13 (RFC 6455)\n");
    assertNoClientAccepted();
  }

  @Test
  void aHixie76HandshakeGets426() throws Exception {
    onramp();
    String response =
        exchange(
            request(
                    "Upgrade: WebSocket",
                    "Connection: Upgrade",
                    "Origin: http://example.com",
                    "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5",
                    "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00")
                + "^n:ds[4U");
    assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required\r\n");
    assertThat(response).contains("\r\nsec-websocket-version: 13\r\n");
    assertThat(response)
        .endsWith(
            "\r\n\r\nthis websocket handshake has no Sec-WebSocket-Version (hixie-75/76 are obsolete);"
                + " use version 13 (RFC 6455)\n");
    assertNoClientAccepted();
  }

  @Test
  void aMissingKeyGets400SayingSo() throws Exception {
    onramp();
    String response =
        exchange(request("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(response)
        .endsWith(
            "\r\n\r\nmissing Sec-WebSocket-Key header: a websocket handshake needs a random 16-byte key"
                + " in base64\n");
    assertNoClientAccepted();
  }

  @Test
  void aMalformedKeyGets400SayingSo() throws Exception {
    onramp();
    String response =
        exchange(
            request(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: not-a-key"));
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(response)
        .endsWith(
            "\r\n\r\ninvalid Sec-WebSocket-Key 'not-a-key': it must be a random 16-byte value in base64"
                + " (24 characters)\n");
    String shortKey =
        exchange(
            request(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: c2hvcnQ="));
    assertThat(shortKey)
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .contains("invalid Sec-WebSocket-Key 'c2hvcnQ='");
    assertNoClientAccepted();
  }

  @Test
  void anUpstreamWithAWrongAcceptIsReportedAsSuch() throws Exception {
    String answered = "dGhpcyBpcyBub3QgdGhlIGFjY2VwdA==";
    assertThat(offrampErrorAgainst("Sec-WebSocket-Accept: " + answered + "\r\n"))
        .endsWith(
            ": invalid Sec-WebSocket-Accept '"
                + answered
                + "' in the server's 101 response: it does not"
                + " answer this handshake's Sec-WebSocket-Key (RFC 6455 §4.1)");
  }

  /** The error an event gets from an offramp whose upstream answers 101 with {@code acceptLine}. */
  private String offrampErrorAgainst(String acceptLine) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(5_000);
      String url = "ws://127.0.0.1:" + server.getLocalPort();
      CompletableFuture<Void> upstream =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  WirePeer.readHead(new DataInputStream(s.getInputStream()));
                  s.getOutputStream()
                      .write(
                          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                  + acceptLine
                                  + "\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
                  s.getOutputStream().flush();
                  s.getInputStream().read(); // until the offramp gives up on this connection
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      RecordingSinkContext sink = new RecordingSinkContext(true);
      offramp =
          new WsOfframp(sink.artefact(), TestSettings.offramp(url, "reconnect_backoff_ms", 60_000));
      offramp.start(sink);
      Event request = new Event(new EventId(1, 0, 1), 1, Value.of("hello"), Value.EMPTY_OBJECT, 1);
      offramp.onEvent(request);
      RecordingSinkContext.Emitted error = sink.next();
      assertThat(error.port()).isEqualTo(Ports.ERR);
      upstream.get(5, TimeUnit.SECONDS);
      String message = ((Value.Str) error.event().metaField("error")).value();
      assertThat(message).startsWith("Error sending event to server " + url + ": ");
      return message;
    }
  }
}
