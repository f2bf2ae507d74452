package io.quiver.connectors.ws;

import io.quiver.spi.config.Config;

/** The validated settings of one websocket offramp (see {@link WsOfframpProvider} for the keys). */
public record WsOfframpSettings(
    WsUrl url,
    boolean binary,
    SessionMode session,
    long connectTimeoutMs,
    long replyTimeoutMs,
    long reconnectBackoffMs,
    long reconnectBackoffMaxMs,
    int maxInFlight,
    int maxMessageSize) {

  static WsOfframpSettings from(Config config) {
    return new WsOfframpSettings(
        WsUrl.parse(config.string(WsOfframpProvider.URL)),
        config.bool(WsOfframpProvider.BINARY),
        SessionMode.fromConfig(config.string(WsOfframpProvider.SESSION)),
        config.integer(WsOfframpProvider.CONNECT_TIMEOUT_MS),
        config.integer(WsOfframpProvider.REPLY_TIMEOUT_MS),
        config.integer(WsOfframpProvider.RECONNECT_BACKOFF_MS),
        Math.max(
            config.integer(WsOfframpProvider.RECONNECT_BACKOFF_MS),
            config.integer(WsOfframpProvider.RECONNECT_BACKOFF_MAX_MS)),
        (int) config.integer(WsOfframpProvider.MAX_IN_FLIGHT),
        (int) config.integer(WsOfframpProvider.MAX_MESSAGE_SIZE));
  }

  /** Defaults for everything but the url (for tests and embedding). */
  public static WsOfframpSettings defaults(String url) {
    return new WsOfframpSettings(
        WsUrl.parse(url), false, SessionMode.PER_CLIENT, 2_000, 10_000, 100, 2_000, 128, 16 * 1024 * 1024);
  }

  public WsOfframpSettings withSession(SessionMode mode) {
    return new WsOfframpSettings(
        url, binary, mode, connectTimeoutMs, replyTimeoutMs, reconnectBackoffMs, reconnectBackoffMaxMs,
        maxInFlight, maxMessageSize);
  }

  public WsOfframpSettings withReplyTimeoutMs(long ms) {
    return new WsOfframpSettings(
        url, binary, session, connectTimeoutMs, ms, reconnectBackoffMs, reconnectBackoffMaxMs, maxInFlight,
        maxMessageSize);
  }

  public WsOfframpSettings withMaxInFlight(int max) {
    return new WsOfframpSettings(
        url, binary, session, connectTimeoutMs, replyTimeoutMs, reconnectBackoffMs, reconnectBackoffMaxMs, max,
        maxMessageSize);
  }

  public WsOfframpSettings withConnectTimeoutMs(long ms) {
    return new WsOfframpSettings(
        url, binary, session, ms, replyTimeoutMs, reconnectBackoffMs, reconnectBackoffMaxMs, maxInFlight,
        maxMessageSize);
  }

  public WsOfframpSettings withMaxMessageSize(int bytes) {
    return new WsOfframpSettings(
        url, binary, session, connectTimeoutMs, replyTimeoutMs, reconnectBackoffMs, reconnectBackoffMaxMs,
        maxInFlight, bytes);
  }

  public WsOfframpSettings withBinary(boolean newBinary) {
    return new WsOfframpSettings(
        url, newBinary, session, connectTimeoutMs, replyTimeoutMs, reconnectBackoffMs, reconnectBackoffMaxMs,
        maxInFlight, maxMessageSize);
  }
}
