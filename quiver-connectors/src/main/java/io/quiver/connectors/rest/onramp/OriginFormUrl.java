package io.quiver.connectors.rest.onramp;

import io.quiver.value.Value;
import java.util.Locale;

/**
 * The {@code $request.url} of the common request, without {@link java.net.URI}: an origin-form
 * target ({@code /path?query}) of plain characters under a plain {@code host[:port]} authority (a
 * dotted IPv4 address or a host name). Gives exactly what the general parse in {@link RequestMeta}
 * gives for such a request, and declines (null) everything else (escapes, fragments, user info,
 * IPv6, unusual characters), which then takes the general way.
 */
final class OriginFormUrl {
  private OriginFormUrl() {}

  /** The url record, or null when the request is not the plain common case. */
  static Value of(String scheme, String authority, String target) {
    int colon = authority.indexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port = -1;
    if (colon >= 0) {
      port = port(authority, colon + 1);
      if (port < 0) {
        return null;
      }
    }
    if (!ipv4(host) && !hostName(host)) {
      return null;
    }
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    if (!plain(path, false) || (query != null && (query.isEmpty() || !plain(query, true)))) {
      return null;
    }
    boolean withPort = port >= 0 && port != defaultPort(scheme);
    int n = 3 + (withPort ? 1 : 0) + (query != null ? 1 : 0);
    String[] keys = new String[n];
    Value[] values = new Value[n];
    int i = 0;
    keys[i] = "scheme";
    values[i++] = Value.of(scheme);
    keys[i] = "host";
    values[i++] = Value.of(host.toLowerCase(Locale.ROOT));
    if (withPort) {
      keys[i] = "port";
      values[i++] = Value.of(port);
    }
    keys[i] = "path";
    values[i++] = Value.of(path);
    if (query != null) {
      keys[i] = "query";
      values[i] = Value.of(query);
    }
    return Value.record(keys, values);
  }

  /** 1 to 5 digits up to 65535 from {@code from} to the end, else -1. */
  private static int port(String s, int from) {
    int n = s.length() - from;
    if (n < 1 || n > 5) {
      return -1;
    }
    int port = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535 ? port : -1;
  }

  /** Four dot-separated numbers 0 to 255 without leading zeros. */
  private static boolean ipv4(String h) {
    int parts = 0;
    int i = 0;
    while (i <= h.length()) {
      int start = i;
      int value = 0;
      while (i < h.length() && h.charAt(i) >= '0' && h.charAt(i) <= '9') {
        value = value * 10 + (h.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && h.charAt(start) == '0')) {
        return false;
      }
      parts++;
      if (i == h.length()) {
        break;
      }
      if (h.charAt(i) != '.') {
        return false;
      }
      i++;
    }
    return parts == 4;
  }

  /**
   * Dot-separated labels of letters, digits and inner hyphens, the last starting with a letter (no
   * trailing dot).
   */
  private static boolean hostName(String h) {
    if (h.isEmpty()) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= h.length(); i++) {
      if (i == h.length() || h.charAt(i) == '.') {
        if (i == labelStart || h.charAt(labelStart) == '-' || h.charAt(i - 1) == '-') {
          return false;
        }
        if (i == h.length() && !letter(h.charAt(labelStart))) {
          return false;
        }
        labelStart = i + 1;
      } else {
        char c = h.charAt(i);
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * Letters, digits, {@code -_.!~*'()}, {@code ,;:$&+=}, {@code /} and {@code @} (and {@code ?} in
   * a query): characters a url carries as they are. No escapes, no fragment.
   */
  private static boolean plain(String s, boolean query) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          letter(c)
              || (c >= '0' && c <= '9')
              || "-_.!~*'(),;:$&+=/@".indexOf(c) >= 0
              || (query && c == '?');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }
}
