package io.quiver.connectors.ws;

import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.spi.config.Config;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated settings of one websocket offramp (see {@link WsOfframpProvider} for the keys).
 *
 * @param tls TLS for wss:// upstreams; {@link ClientTlsSettings#SYSTEM} when not configured
 * @param headers extra handshake request headers, in order
 * @param subprotocols subprotocols requested in the handshake (when the client's own is not
 *     forwarded)
 * @param reconnect the reconnect policy (the {@code reconnect} record over the flat backoff keys)
 * @param closeClientOnUpstreamLoss errors caused by a lost upstream also ask the onramp to close
 *     the client
 * @param correlation replies matched to requests by this field's value (correlation_field), or
 *     null: first in first out
 * @param compression permessage-deflate offered to the upstream, {@code null} when off
 */
public record WsOfframpSettings(
    WsUrl url,
    boolean binary,
    SessionMode session,
    long connectTimeoutMs,
    long replyTimeoutMs,
    long reconnectBackoffMs,
    long reconnectBackoffMaxMs,
    int maxInFlight,
    int maxMessageSize,
    long pingIntervalMs,
    long pongTimeoutMs,
    ClientTlsSettings tls,
    Map<String, String> headers,
    List<String> subprotocols,
    ReconnectPolicy reconnect,
    boolean closeClientOnUpstreamLoss,
    ReplyCorrelation correlation,
    CompressionSettings compression) {

  static WsOfframpSettings from(Config config) {
    Value tls = config.get(WsOfframpProvider.TLS);
    Map<String, String> headers = new LinkedHashMap<>();
    if (config.get(WsOfframpProvider.HEADERS) instanceof Value.Obj o) {
      o.fields().forEach((k, v) -> headers.put(k, ((Value.Str) v).value()));
    }
    long backoff = config.integer(WsOfframpProvider.RECONNECT_BACKOFF_MS);
    long backoffMax = Math.max(backoff, config.integer(WsOfframpProvider.RECONNECT_BACKOFF_MAX_MS));
    return new WsOfframpSettings(
        WsUrl.parse(config.string(WsOfframpProvider.URL)),
        config.bool(WsOfframpProvider.BINARY),
        SessionMode.fromConfig(config.string(WsOfframpProvider.SESSION)),
        config.integer(WsOfframpProvider.CONNECT_TIMEOUT_MS),
        config.integer(WsOfframpProvider.REPLY_TIMEOUT_MS),
        backoff,
        backoffMax,
        (int) config.integer(WsOfframpProvider.MAX_IN_FLIGHT),
        (int) config.integer(WsOfframpProvider.MAX_MESSAGE_SIZE),
        config.integer(WsOfframpProvider.PING_INTERVAL_MS),
        config.integer(WsOfframpProvider.PONG_TIMEOUT_MS),
        tls == null ? ClientTlsSettings.SYSTEM : ClientTlsSettings.from(tls),
        java.util.Collections.unmodifiableMap(headers),
        config.strings(WsOfframpProvider.SUBPROTOCOLS),
        ReconnectPolicy.from(backoff, backoffMax, config.get(WsOfframpProvider.RECONNECT)),
        config.bool(WsOfframpProvider.CLOSE_CLIENT_ON_UPSTREAM_LOSS),
        ReplyCorrelation.of(
            config.get(WsOfframpProvider.CORRELATION_FIELD) instanceof Value.Str field
                ? field.value()
                : null),
        CompressionSettings.offramp(config.get(WsOfframpProvider.COMPRESSION)));
  }

  /**
   * Settings from a config record, validated like a YAML {@code config:} block (for tests and
   * embedding).
   */
  public static WsOfframpSettings of(Value config) {
    var validation = new WsOfframpProvider().configSpec().validate(config);
    if (!validation.ok()) {
      throw new IllegalArgumentException(
          String.join("; ", validation.problems().stream().map(p -> p.message()).toList()));
    }
    return from(validation.config());
  }

  /** Defaults for everything but the url (for tests and embedding). */
  public static WsOfframpSettings defaults(String url) {
    return of(Value.obj("url", Value.of(url)));
  }
}
