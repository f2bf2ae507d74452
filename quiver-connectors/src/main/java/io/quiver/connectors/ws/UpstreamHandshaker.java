package io.quiver.connectors.ws;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The offramp's RFC 6455 client handshaker: Netty's, built from the same protocol config, except
 * that
 *
 * <ul>
 *   <li>its frame decoder does not send a close frame of its own on a protocol violation. Netty's
 *       client decoder would write that frame below the frame encoder (so it never left) and close
 *       the channel, and the protocol handler would then send 1000 instead of the violation's code;
 *       with this decoder the violation reaches {@link UpstreamLifecycleHandler}, which sends the
 *       one close frame with the right code (1002, 1007, 1009);
 *   <li>a wrong {@code Sec-WebSocket-Accept} fails with a {@link WrongAcceptException}: Netty
 *       throws the same exception type for every flaw of a 101 answer and names the flaw only in
 *       its message, so the error text for this one ({@link Failures}) would depend on the wording
 *       of Netty's message.
 * </ul>
 */
final class UpstreamHandshaker {
  /** RFC 6455 §1.3: the GUID appended to the key before hashing. */
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private UpstreamHandshaker() {}

  /**
   * The upstream's 101 answer does not answer this handshake's {@code Sec-WebSocket-Key}; it is
   * otherwise a valid upgrade.
   */
  static final class WrongAcceptException extends WebSocketHandshakeException {
    private static final long serialVersionUID = 1L;

    /** The {@code Sec-WebSocket-Accept} the upstream sent, or null when it sent none. */
    private final String actual;

    WrongAcceptException(String actual, String expected) {
      // Netty's words for it (its WebSocketClientHandshakeException is final)
      super("Invalid challenge. Actual: " + actual + ". Expected: " + expected);
      this.actual = actual;
    }

    String actual() {
      return actual;
    }
  }

  static WebSocketClientHandshaker of(WebSocketClientProtocolConfig config) {
    return new Handshaker(config);
  }

  private static final class Handshaker extends WebSocketClientHandshaker13 {
    private final WebSocketClientProtocolConfig config;

    /** What the upstream must answer to this handshake's key; null before the request. */
    private String expectedAccept;

    Handshaker(WebSocketClientProtocolConfig config) {
      super(
          config.webSocketUri(),
          config.version(),
          config.subprotocol(),
          config.allowExtensions(),
          config.customHeaders(),
          config.maxFramePayloadLength(),
          config.performMasking(),
          config.allowMaskMismatch(),
          config.forceCloseTimeoutMillis()); // absolute upgrade URLs (proxies) are not used here
      this.config = config;
    }

    @Override
    protected FullHttpRequest newHandshakeRequest() {
      FullHttpRequest request = super.newHandshakeRequest();
      String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
      expectedAccept = key == null ? null : acceptFor(key);
      return request;
    }

    @Override
    protected void verify(FullHttpResponse response) {
      String accept = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
      if (expectedAccept == null || expectedAccept.equals(accept)) {
        super.verify(response);
        return;
      }
      // Netty checks the accept last: its checks of the rest (status, Upgrade, Connection) come
      // first, on a copy that carries the right accept, and keep their own exception
      FullHttpResponse rest = response.replace(Unpooled.EMPTY_BUFFER);
      rest.headers().set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, expectedAccept);
      try {
        super.verify(rest);
      } catch (WebSocketClientHandshakeException e) {
        throw new WebSocketClientHandshakeException(e.getMessage(), response);
      }
      throw new WrongAcceptException(accept, expectedAccept);
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
      return new WebSocket13FrameDecoder(
          WebSocketDecoderConfig.newBuilder()
              .expectMaskedFrames(false)
              .allowExtensions(config.allowExtensions())
              .maxFramePayloadLength(config.maxFramePayloadLength())
              .allowMaskMismatch(config.allowMaskMismatch())
              .closeOnProtocolViolation(false)
              .build());
    }
  }

  /** RFC 6455 §4.1: base64(SHA-1(key + GUID)). */
  static String acceptFor(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
