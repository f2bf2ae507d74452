package io.quiver.connectors.rest.onramp;

import io.quiver.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * The {@code $request} metadata of a request, shaped as Tremor 0.11.12's rest onramp builds it:
 * {@code {"request": {"method", "headers", "url"}}}, headers by lower-case name, each a list of
 * values in arrival order, and the url's parts as Rust's url crate gives them (scheme, username and
 * password when present, host, port unless the scheme's default, path, query, fragment when
 * present). The url is the request target resolved against the {@code Host} header.
 */
final class RequestMeta {
  private RequestMeta() {}

  /** The request's url could not be made sense of: the message says why (answered with 400). */
  static final class BadTarget extends Exception {
    private static final long serialVersionUID = 1L;

    BadTarget(String message) {
      super(message);
    }
  }

  /**
   * The event metadata for {@code request}.
   *
   * @param scheme http or https
   * @param localAuthority host:port the connection was accepted on, used when there is no Host
   */
  static Value of(RequestHead request, String scheme, String localAuthority) throws BadTarget {
    Value headers = headers(request);
    Value url = request.url(scheme, localAuthority);
    // records over two arrays: built for every request, read by name, never edited in place
    Value fields = Value.record(REQUEST_KEYS, new Value[] {method(request.method()), headers, url});
    return Value.record(META_KEYS, new Value[] {fields});
  }

  private static final String[] META_KEYS = {"request"};
  private static final String[] REQUEST_KEYS = {"method", "headers", "url"};

  private static final Value.Str GET = Value.of("GET");
  private static final Value.Str POST = Value.of("POST");

  /** The method as a value: the common ones shared. */
  private static Value method(String method) {
    return switch (method) {
      case "GET" -> GET;
      case "POST" -> POST;
      default -> Value.of(method);
    };
  }

  static Value headers(RequestHead request) {
    return request.headerRecord();
  }

  static Value url(RequestHead request, String scheme, String localAuthority) throws BadTarget {
    String target = request.target();
    if (target.startsWith("/")) {
      String host = request.header("host");
      Value plain =
          OriginFormUrl.of(
              scheme, host == null || host.isBlank() ? localAuthority : host.strip(), target);
      if (plain != null) {
        return plain;
      }
    }
    return parsed(request, scheme, localAuthority);
  }

  /** {@link #url} by {@link URI}: every target form. */
  static Value parsed(RequestHead request, String scheme, String localAuthority) throws BadTarget {
    String target = request.target();
    URI uri;
    try {
      if (target.startsWith("/")) {
        String host = request.header("host");
        String authority = host == null || host.isBlank() ? localAuthority : host.strip();
        uri = new URI(scheme + "://" + authority + target);
      } else if (target.equals("*")) {
        String host = request.header("host");
        uri = new URI(scheme + "://" + (host == null ? localAuthority : host.strip()));
      } else {
        uri = new URI(target);
      }
    } catch (URISyntaxException e) {
      throw new BadTarget("invalid request target " + target + ": " + e.getReason());
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new BadTarget("invalid request target " + target);
    }
    String urlScheme = uri.getScheme().toLowerCase(Locale.ROOT);
    LinkedHashMap<String, Value> url = new LinkedHashMap<>(8);
    url.put("scheme", Value.of(urlScheme));
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!user.isEmpty()) {
        url.put("username", Value.of(user));
      }
      if (colon >= 0) {
        url.put("password", Value.of(userInfo.substring(colon + 1)));
      }
    }
    url.put("host", Value.of(uri.getHost().toLowerCase(Locale.ROOT)));
    int port = uri.getPort();
    if (port >= 0 && port != OriginFormUrl.defaultPort(urlScheme)) {
      url.put("port", Value.of(port));
    }
    String path = uri.getRawPath();
    url.put("path", Value.of(path == null || path.isEmpty() ? "/" : path));
    if (uri.getRawQuery() != null) {
      url.put("query", Value.of(uri.getRawQuery()));
    }
    if (uri.getRawFragment() != null) {
      url.put("fragment", Value.of(uri.getRawFragment()));
    }
    return Value.obj(url);
  }
}
