package io.quiver.connectors.rest.offramp;

import java.util.Locale;
import java.util.Set;

/**
 * The request methods Tremor's rest offramp knows (http-types' list: the HTTP/1.1 ones, PATCH and
 * the WebDAV family), named in any case: {@code get} is {@code GET}.
 */
final class HttpMethods {
  /** Tremor's text for a method it does not know. */
  static final String INVALID = "Invalid HTTP method";

  private static final Set<String> KNOWN =
      Set.of(
          "GET",
          "HEAD",
          "POST",
          "PUT",
          "DELETE",
          "CONNECT",
          "OPTIONS",
          "TRACE",
          "PATCH",
          "ACL",
          "BASELINE-CONTROL",
          "BIND",
          "CHECKIN",
          "CHECKOUT",
          "COPY",
          "LABEL",
          "LINK",
          "LOCK",
          "MERGE",
          "MKACTIVITY",
          "MKCALENDAR",
          "MKCOL",
          "MKREDIRECTREF",
          "MKWORKSPACE",
          "MOVE",
          "ORDERPATCH",
          "PRI",
          "PROPFIND",
          "PROPPATCH",
          "REBIND",
          "REPORT",
          "SEARCH",
          "UNBIND",
          "UNCHECKOUT",
          "UNLINK",
          "UNLOCK",
          "UPDATE",
          "UPDATEREDIRECTREF",
          "VERSION-CONTROL");

  private HttpMethods() {}

  /** The method's canonical (upper-case) name, or null when it is not one. */
  static String canonical(String method) {
    if (method == null) {
      return null;
    }
    String upper = method.strip().toUpperCase(Locale.ROOT);
    return KNOWN.contains(upper) ? upper : null;
  }
}
