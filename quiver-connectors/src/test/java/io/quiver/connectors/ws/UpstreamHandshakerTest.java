package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A wrong Sec-WebSocket-Accept is told apart by its type, not by Netty's wording. */
class UpstreamHandshakerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec());
  private final WebSocketClientHandshaker handshaker =
      UpstreamHandshaker.of(
          WebSocketClientProtocolConfig.newBuilder()
              .webSocketUri(URI.create("ws://127.0.0.1:1/"))
              .build());

  /** Sends the handshake request and returns its Sec-WebSocket-Key. */
  private String key() {
    handshaker.handshake(channel);
    ByteBuf request = channel.readOutbound();
    String text = request.toString(StandardCharsets.US_ASCII);
    request.release();
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("sec-websocket-key:")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    throw new AssertionError("no key in " + text);
  }

  private static FullHttpResponse upgrade(String upgrade, String accept) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
    response.headers().set("Upgrade", upgrade).set("Connection", "Upgrade");
    if (accept != null) {
      response.headers().set("Sec-WebSocket-Accept", accept);
    }
    return response;
  }

  @Test
  void theAcceptIsComputedAsRfc6455Says() {
    // the example of RFC 6455 §1.3
    assertThat(UpstreamHandshaker.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void aWrongAcceptIsAWrongAcceptException() {
    key();
    FullHttpResponse response = upgrade("websocket", "d3Jvbmc=");
    assertThatThrownBy(() -> handshaker.finishHandshake(channel, response))
        .isInstanceOfSatisfying(
            UpstreamHandshaker.WrongAcceptException.class,
            e -> {
              assertThat(e.actual()).isEqualTo("d3Jvbmc=");
              assertThat(Failures.describe(e, 1_000))
                  .isEqualTo(
                      "invalid Sec-WebSocket-Accept 'd3Jvbmc=' in the server's 101 response: it"
                          + " does not answer this handshake's Sec-WebSocket-Key (RFC 6455 §4.1)");
            });
  }

  @Test
  void aMissingAcceptIsOneToo() {
    key();
    assertThatThrownBy(() -> handshaker.finishHandshake(channel, upgrade("websocket", null)))
        .isInstanceOfSatisfying(
            UpstreamHandshaker.WrongAcceptException.class,
            e ->
                assertThat(Failures.describe(e, 1_000))
                    .startsWith("invalid Sec-WebSocket-Accept (missing) in the server's 101"));
  }

  @Test
  void anEarlierFlawKeepsNettysExceptionAndTheOriginalResponse() {
    key();
    FullHttpResponse response = upgrade("h2c", "d3Jvbmc=");
    assertThatThrownBy(() -> handshaker.finishHandshake(channel, response))
        .isExactlyInstanceOf(WebSocketClientHandshakeException.class)
        .satisfies(
            e -> {
              WebSocketClientHandshakeException h = (WebSocketClientHandshakeException) e;
              // Netty keeps a copy of the response: the upstream's, not the probe's
              assertThat(h.response().headers().get("Sec-WebSocket-Accept")).isEqualTo("d3Jvbmc=");
              assertThat(Failures.describe(h, 1_000))
                  .isEqualTo(
                      "WebSocket handshake failed: the server's 101 response is not a websocket"
                          + " upgrade (Invalid handshake response upgrade: h2c)");
            });
  }

  @Test
  void theRightAcceptCompletesTheHandshake() {
    String key = key();
    handshaker.finishHandshake(channel, upgrade("websocket", UpstreamHandshaker.acceptFor(key)));
    assertThat(handshaker.isHandshakeComplete()).isTrue();
  }
}
