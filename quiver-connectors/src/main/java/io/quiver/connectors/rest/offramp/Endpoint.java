package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Tremor's rest endpoint: a url given as a string or as its parts, every part optional. A record
 * ({@code $endpoint} or the {@code endpoint} key) is laid over a base part by part ({@link
 * #merge}); {@link #target} makes the url the request goes to, with {@code http://localhost}'s
 * parts where none is given, as Tremor builds it.
 */
record Endpoint(
    String scheme,
    String username,
    String password,
    String host,
    Integer port,
    String path,
    String query,
    String fragment) {

  static final Endpoint NONE = new Endpoint(null, null, null, null, null, null, null, null);

  /** The parts of a url string; a port that is the scheme's default is no part (as Tremor). */
  static Endpoint parse(String url) throws EndpointException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new EndpointException("invalid url " + url + ": " + e.getReason());
    }
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      throw new EndpointException("invalid url " + url + ": relative URL without a base");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String user = null;
    String pass = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = emptyToNull(colon < 0 ? info : info.substring(0, colon));
      pass = colon < 0 ? null : info.substring(colon + 1);
    }
    if (uri.getHost() == null) {
      throw new EndpointException("invalid url " + url + ": empty host");
    }
    Integer port = uri.getPort() < 0 || uri.getPort() == defaultPort(scheme) ? null : uri.getPort();
    String path = uri.getRawPath();
    if ((path == null || path.isEmpty()) && defaultPort(scheme) > 0) {
      path = "/";
    }
    return new Endpoint(
        scheme,
        user,
        pass,
        uri.getHost(),
        port,
        emptyToNull(path),
        uri.getRawQuery(),
        uri.getRawFragment());
  }

  /** The parts of an endpoint record (strings; {@code port} an integer 0..65535). */
  static Endpoint of(Value record) {
    return NONE.merge(record);
  }

  /** This endpoint with every part {@code record} gives replaced (Tremor's {@code merge}). */
  Endpoint merge(Value record) {
    if (!(record instanceof Value.Obj o)) {
      return this;
    }
    return new Endpoint(
        str(o, "scheme", scheme),
        str(o, "username", username),
        str(o, "password", password),
        str(o, "host", host),
        o.get("port") instanceof Value.Int p && p.value() >= 0 && p.value() <= 65535
            ? Integer.valueOf((int) p.value())
            : port,
        str(o, "path", path),
        str(o, "query", query),
        str(o, "fragment", fragment));
  }

  /** The url to send to; fails when it has no host or a scheme other than http and https. */
  Target target() throws EndpointException {
    String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      throw new EndpointException("Invalid URI scheme " + s + " (use http or https)");
    }
    if (host == null || host.isEmpty()) {
      throw new EndpointException("empty host");
    }
    Integer effectivePort = port == null || port == defaultPort(s) ? null : port;
    String p = path == null || path.isEmpty() ? "/" : (path.startsWith("/") ? path : "/" + path);
    return new Target(
        s, username, password, host, effectivePort, p, query, fragment, defaultPort(s));
  }

  /** Where a pooled connection goes: connections are shared by every target with the same one. */
  record PoolKey(String scheme, String host, int port) {}

  /** A url as a request goes to it, and what its {@code $response.request.endpoint} says. */
  record Target(
      String scheme,
      String username,
      String password,
      String host,
      Integer port,
      String path,
      String query,
      String fragment,
      int defaultPort) {

    boolean tls() {
      return scheme.equals("https");
    }

    int portOrDefault() {
      return port == null ? defaultPort : port;
    }

    /** Host for the socket: an IPv6 literal without its brackets. */
    String socketHost() {
      return host.startsWith("[") && host.endsWith("]")
          ? host.substring(1, host.length() - 1)
          : host;
    }

    /** The {@code Host} header: the host, and the port when it is not the scheme's default. */
    String hostHeader() {
      return port == null ? host : host + ":" + port;
    }

    /** The request target of the request line: path and query (a fragment is never sent). */
    String requestUri() {
      return query == null ? path : path + "?" + query;
    }

    /** The url without its credentials, for error texts and logs. */
    String display() {
      return scheme + "://" + hostHeader() + requestUri();
    }

    /** The connection pool's key: where a connection goes. */
    PoolKey poolKey() {
      return new PoolKey(scheme, host, portOrDefault());
    }

    /** Tremor's {@code $response.request.endpoint} record. */
    Value meta() {
      return Value.record(
          META_KEYS,
          new Value[] {
            Value.of(scheme),
            nullable(username),
            nullable(password),
            Value.of(host),
            port == null ? Value.NULL : Value.of(port.longValue()),
            Value.of(path),
            nullable(query),
            nullable(fragment)
          });
    }
  }

  /** The keys of {@link Target#meta}, in Tremor's order. */
  private static final String[] META_KEYS = {
    "scheme", "username", "password", "host", "port", "path", "query", "fragment"
  };

  /** Why an endpoint cannot be sent to; its message is the error text. */
  static final class EndpointException extends Exception {
    private static final long serialVersionUID = 1L;

    EndpointException(String message) {
      super(message, null, false, false);
    }
  }

  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  private static Value nullable(String s) {
    return s == null ? Value.NULL : Value.of(s);
  }

  private static String str(Value.Obj o, String key, String fallback) {
    return o.get(key) instanceof Value.Str s ? s.value() : fallback;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
