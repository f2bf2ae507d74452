package io.quiver.server;

/**
 * {@code --api-host HOST:PORT}, Tremor's form ({@code 0.0.0.0:9898}); an IPv6 host in brackets
 * ({@code [::1]:9898}).
 */
record ApiAddress(String host, int port) {

  /**
   * Reads {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException saying what is wrong and what to give
   */
  static ApiAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw bad(text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (port < 0 || port > 65535 || host.isEmpty()) {
      throw bad(text);
    }
    return new ApiAddress(host, port);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "invalid value `"
            + text
            + "` for --api-host: give HOST:PORT, e.g. 0.0.0.0:9898 (port 0: any free port)");
  }
}
