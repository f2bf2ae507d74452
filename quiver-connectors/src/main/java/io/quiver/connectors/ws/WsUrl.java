package io.quiver.connectors.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A websocket server address as configured ({@code text} is used verbatim in error messages).
 *
 * @param tls whether the scheme is {@code wss}
 */
public record WsUrl(String text, URI uri, String host, int port, boolean tls) {

  /** Parses {@code ws://host[:port][/path]} or {@code wss://...}. */
  public static WsUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid URL ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "); expected ws://host:port/path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls;
    switch (scheme) {
      case "ws" -> tls = false;
      case "wss" -> tls = true;
      default ->
          throw new IllegalArgumentException(
              "the URL must start with ws:// or wss://, e.g. ws://localhost:8139");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host; expected ws://host:port/path");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    return new WsUrl(text, uri, host, port, tls);
  }

  /** The problem with {@code text} as a websocket URL, or {@code null} when it is fine. */
  static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
