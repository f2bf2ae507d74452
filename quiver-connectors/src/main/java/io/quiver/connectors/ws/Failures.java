package io.quiver.connectors.ws;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/** Turns connection failures into the short causes shown in error events. */
final class Failures {
  static final String CLOSED_CONNECTION = "Trying to work with closed connection";
  static final String RESET =
      "WebSocket protocol error: Connection reset without closing handshake";

  /** At shutdown, for an event the drain timeout left unsent. */
  static final String SHUTDOWN_NOT_SENT =
      "shutting down: the event was not sent within the drain timeout";

  /** At shutdown, for a request whose reply did not come within the drain timeout. */
  static final String SHUTDOWN_NO_REPLY = "shutting down: no reply within the drain timeout";

  private Failures() {}

  static String timedOut(long connectTimeoutMs) {
    return "connection timed out after " + connectTimeoutMs + " ms";
  }

  static String tooBig(int maxMessageSize) {
    return "message larger than max_message_size (" + maxMessageSize + " bytes)";
  }

  static boolean isTooBig(Throwable cause) {
    return cause instanceof TooLongFrameException
        || cause instanceof CorruptedWebSocketFrameException c
            && c.closeStatus() != null
            && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
  }

  /** The cause text for a failed connect, handshake or write. */
  static String describe(Throwable cause, long connectTimeoutMs) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    return switch (c) {
      case ClosedChannelException ignored -> CLOSED_CONNECTION;
      case ConnectTimeoutException ignored -> timedOut(connectTimeoutMs);
      case ConnectException e -> withoutAddress(withoutNativePrefix(e.getMessage()));
      case UnknownHostException e -> "unknown host " + e.getMessage();
      case UpstreamHandshaker.WrongAcceptException e -> wrongAccept(e.actual());
      case WebSocketClientHandshakeException e when e.response() != null && switching(e) ->
          badUpgrade(e);
      case WebSocketClientHandshakeException e when e.response() != null ->
          "HTTP error: " + e.response().status();
      case WebSocketHandshakeException e -> "WebSocket handshake failed: " + e.getMessage();
      case SSLException e -> "TLS error: " + e.getMessage() + tlsHint(e.getMessage());
      default ->
          c.getMessage() == null
              ? c.getClass().getSimpleName()
              : withoutNativePrefix(c.getMessage());
    };
  }

  private static boolean switching(WebSocketClientHandshakeException e) {
    return e.response().status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
  }

  /** A 101 answer whose {@code Sec-WebSocket-Accept} does not answer the handshake's key. */
  private static String wrongAccept(String accept) {
    return "invalid Sec-WebSocket-Accept "
        + (accept == null ? "(missing)" : "'" + accept + "'")
        + " in the server's 101 response: it does not answer this handshake's Sec-WebSocket-Key"
        + " (RFC 6455 §4.1)";
  }

  /**
   * A 101 answer that does not complete the handshake for another reason (Upgrade, Connection):
   * said as what it is, not as an HTTP error (the status is the right one; a header is wrong).
   */
  private static String badUpgrade(WebSocketClientHandshakeException e) {
    return "WebSocket handshake failed: the server's 101 response is not a websocket upgrade ("
        + e.getMessage()
        + ")";
  }

  /** What to do about the two TLS failures every operator meets. */
  private static String tlsHint(String message) {
    if (message == null) {
      return "";
    }
    if (message.contains("PKIX path building failed")) {
      return " (the upstream's certificate is not trusted: add its CA as tls.cafile)";
    }
    if (message.contains("No subject alternative")) {
      return " (the certificate does not name this host: check the url or set tls.domain)";
    }
    return "";
  }

  /**
   * The native (epoll) transport prefixes the system's error text with the call and errno, as in
   * {@code "bind(..) failed with error(-98): Address already in use"}; NIO gives the text alone.
   * Both transports give the same text this way.
   */
  static String withoutNativePrefix(String message) {
    if (message == null) {
      return null;
    }
    int failed = message.indexOf(") failed with error(");
    if (failed < 0) {
      return message;
    }
    int text = message.indexOf("): ", failed + 1);
    return text < 0 ? message : message.substring(text + 3);
  }

  /** Netty appends ": host/ip:port" to connect errors; the address is already in the message. */
  private static String withoutAddress(String message) {
    if (message == null) {
      return "Connection refused";
    }
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(0, colon);
  }
}
