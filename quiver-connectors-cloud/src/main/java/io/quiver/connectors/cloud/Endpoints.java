package io.quiver.connectors.cloud;

import java.net.URI;
import java.util.Map;

/** Service base URLs: validation for the override keys and the emulator environment variables. */
public final class Endpoints {
  private Endpoints() {}

  /** The problem with {@code url} as a service base URL, or null when it is an http(s) URL. */
  public static String problem(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return "value must be an http:// or https:// URL";
      }
      if (u.getHost() == null) {
        return "value must be a URL with a host";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "value must be a URL: " + e.getMessage();
    }
  }

  /** {@code url} without trailing slashes. */
  public static String trim(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /**
   * The base URL an emulator variable such as {@code PUBSUB_EMULATOR_HOST} names: {@code
   * http://HOST:PORT} for a bare {@code HOST:PORT}, the value itself when it has a scheme; null
   * when the variable is unset or blank.
   */
  public static String emulator(Map<String, String> env, String variable) {
    String v = env.get(variable);
    if (v == null || v.isBlank()) {
      return null;
    }
    return trim(v.contains("://") ? v.strip() : "http://" + v.strip());
  }
}
