package io.quiver.connectors.rest.onramp;

import io.quiver.connectors.net.ServerTlsSettings;

/**
 * The rest onramp's settings, from a config that passed {@link RestOnrampProvider}'s spec.
 *
 * @param tls null for plain HTTP
 * @param headerTimeoutMs 0: no limit
 * @param replyTimeoutMs 0: no limit
 * @param idleTimeoutMs 0: keep-alive connections stay open
 */
record RestOnrampSettings(
    String host,
    int port,
    ServerTlsSettings tls,
    int maxBodySize,
    int maxHeaderSize,
    int maxRequestLineLength,
    long headerTimeoutMs,
    long replyTimeoutMs,
    long idleTimeoutMs,
    boolean http2) {

  /** The defaults with {@code host} and {@code port}: for tests. */
  static RestOnrampSettings defaults(String host, int port) {
    return new RestOnrampSettings(
        host,
        port,
        null,
        RestOnrampProvider.DEFAULT_MAX_BODY_SIZE,
        RestOnrampProvider.DEFAULT_MAX_HEADER_SIZE,
        RestOnrampProvider.DEFAULT_MAX_REQUEST_LINE_LENGTH,
        RestOnrampProvider.DEFAULT_HEADER_TIMEOUT_MS,
        RestOnrampProvider.DEFAULT_REPLY_TIMEOUT_MS,
        RestOnrampProvider.DEFAULT_IDLE_TIMEOUT_MS,
        false);
  }

  RestOnrampSettings withReplyTimeoutMs(long ms) {
    return new RestOnrampSettings(
        host,
        port,
        tls,
        maxBodySize,
        maxHeaderSize,
        maxRequestLineLength,
        headerTimeoutMs,
        ms,
        idleTimeoutMs,
        http2);
  }

  RestOnrampSettings withLimits(int body, int header, int line, long headerMs, long idleMs) {
    return new RestOnrampSettings(
        host, port, tls, body, header, line, headerMs, replyTimeoutMs, idleMs, http2);
  }

  RestOnrampSettings withTls(ServerTlsSettings settings) {
    return new RestOnrampSettings(
        host,
        port,
        settings,
        maxBodySize,
        maxHeaderSize,
        maxRequestLineLength,
        headerTimeoutMs,
        replyTimeoutMs,
        idleTimeoutMs,
        http2);
  }

  RestOnrampSettings withHttp2(boolean on) {
    return new RestOnrampSettings(
        host,
        port,
        tls,
        maxBodySize,
        maxHeaderSize,
        maxRequestLineLength,
        headerTimeoutMs,
        replyTimeoutMs,
        idleTimeoutMs,
        on);
  }
}
