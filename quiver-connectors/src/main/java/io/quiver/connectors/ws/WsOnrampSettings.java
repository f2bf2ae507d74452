package io.quiver.connectors.ws;

import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.spi.config.Config;
import io.quiver.value.Value;
import java.util.List;

/**
 * The validated settings of one websocket onramp (see {@link WsOnrampProvider} for the keys).
 *
 * @param bufferAcrossMessages whether buffering preprocessors keep a line fragment across messages
 * @param maxMessageSize largest accepted message in bytes
 * @param tls {@code null} for plain ws://
 * @param path {@code null} for any path
 * @param handshakeTimeoutMs time from accept to a complete websocket handshake; 0 for none
 * @param maxPendingHandshakes sockets in their handshake at once; 0 for no limit
 * @param maxAcceptsPerSecond accepted sockets per second (a token bucket); 0 for no limit
 * @param compression permessage-deflate, {@code null} when off
 */
public record WsOnrampSettings(
    String host,
    int port,
    boolean bufferAcrossMessages,
    int maxMessageSize,
    long pingIntervalMs,
    long pongTimeoutMs,
    int maxConnections,
    long idleTimeoutMs,
    int sendQueueMaxBytes,
    long slowReaderTimeoutMs,
    ServerTlsSettings tls,
    List<String> forwardHeaders,
    List<String> subprotocols,
    List<String> allowedOrigins,
    String path,
    long handshakeTimeoutMs,
    int maxPendingHandshakes,
    int maxAcceptsPerSecond,
    CompressionSettings compression) {

  /** The given basics, everything else at its default. */
  public WsOnrampSettings(String host, int port, boolean bufferAcrossMessages, int maxMessageSize) {
    this(
        host,
        port,
        bufferAcrossMessages,
        maxMessageSize,
        30_000,
        10_000,
        10_000,
        0,
        1024 * 1024,
        30_000,
        null,
        List.of(),
        List.of(),
        List.of(),
        null,
        WsOnrampProvider.DEFAULT_HANDSHAKE_TIMEOUT_MS,
        WsOnrampProvider.DEFAULT_MAX_PENDING_HANDSHAKES,
        WsOnrampProvider.DEFAULT_MAX_ACCEPTS_PER_SECOND,
        null);
  }

  /** The same settings on another port (tests use 0, an ephemeral port). */
  public WsOnrampSettings withPort(int p) {
    return new WsOnrampSettings(
        host,
        p,
        bufferAcrossMessages,
        maxMessageSize,
        pingIntervalMs,
        pongTimeoutMs,
        maxConnections,
        idleTimeoutMs,
        sendQueueMaxBytes,
        slowReaderTimeoutMs,
        tls,
        forwardHeaders,
        subprotocols,
        allowedOrigins,
        path,
        handshakeTimeoutMs,
        maxPendingHandshakes,
        maxAcceptsPerSecond,
        compression);
  }

  static WsOnrampSettings from(Config config) {
    Value tls = config.get(WsOnrampProvider.TLS);
    return new WsOnrampSettings(
        config.string(WsOnrampProvider.HOST),
        (int) config.integer(WsOnrampProvider.PORT),
        config.bool(WsOnrampProvider.BUFFER_ACROSS_MESSAGES),
        (int) config.integer(WsOnrampProvider.MAX_MESSAGE_SIZE),
        config.integer(WsOnrampProvider.PING_INTERVAL_MS),
        config.integer(WsOnrampProvider.PONG_TIMEOUT_MS),
        (int) config.integer(WsOnrampProvider.MAX_CONNECTIONS),
        config.integer(WsOnrampProvider.IDLE_TIMEOUT_MS),
        (int) config.integer(WsOnrampProvider.SEND_QUEUE_MAX_BYTES),
        config.integer(WsOnrampProvider.SLOW_READER_TIMEOUT_MS),
        tls == null ? null : ServerTlsSettings.from(tls),
        config.strings(WsOnrampProvider.FORWARD_HEADERS),
        config.strings(WsOnrampProvider.SUBPROTOCOLS),
        config.strings(WsOnrampProvider.ALLOWED_ORIGINS),
        config.string(WsOnrampProvider.PATH),
        config.integer(WsOnrampProvider.HANDSHAKE_TIMEOUT_MS),
        (int) config.integer(WsOnrampProvider.MAX_PENDING_HANDSHAKES),
        (int) config.integer(WsOnrampProvider.MAX_ACCEPTS_PER_SECOND),
        CompressionSettings.onramp(config.get(WsOnrampProvider.COMPRESSION)));
  }

  /**
   * Settings from a config record, validated like a YAML {@code config:} block (for tests and
   * embedding).
   */
  public static WsOnrampSettings of(Value config) {
    var validation = new WsOnrampProvider().configSpec().validate(config);
    if (!validation.ok()) {
      throw new IllegalArgumentException(
          String.join("; ", validation.problems().stream().map(p -> p.message()).toList()));
    }
    return from(validation.config());
  }
}
