package io.quiver.connectors.ws;

import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.spi.config.ProcessSetting;
import io.quiver.value.Value;
import java.util.List;

/** The websocket offramp ({@code type: ws}): a websocket client sending events upstream. */
public final class WsOfframpProvider implements SinkProvider {
  public static final String NAME = "ws";

  static final String URL = "url";
  static final String BINARY = "binary";
  static final String SESSION = "session";
  static final String CONNECT_TIMEOUT_MS = "connect_timeout_ms";
  static final String REPLY_TIMEOUT_MS = "reply_timeout_ms";
  static final String RECONNECT_BACKOFF_MS = "reconnect_backoff_ms";
  static final String RECONNECT_BACKOFF_MAX_MS = "reconnect_backoff_max_ms";
  static final String MAX_IN_FLIGHT = "max_in_flight";
  static final String MAX_MESSAGE_SIZE = "max_message_size";
  static final String PING_INTERVAL_MS = "ping_interval_ms";
  static final String PONG_TIMEOUT_MS = "pong_timeout_ms";
  static final String TLS = "tls";
  static final String HEADERS = "headers";
  static final String SUBPROTOCOLS = "subprotocols";
  static final String RECONNECT = "reconnect";
  static final String CLOSE_CLIENT_ON_UPSTREAM_LOSS = "close_client_on_upstream_loss";
  static final String CORRELATION_FIELD = "correlation_field";
  static final String COMPRESSION = "compression";

  private static final Check WS_URL =
      v -> v instanceof Value.Str s ? WsUrl.problem(s.value()) : null;

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  URL,
                  ConfigType.STRING,
                  "The upstream websocket server, e.g. ws://localhost:8139 (wss:// for TLS). An"
                      + " event's $url metadata overrides it for that event.")
              .withCheck(WS_URL),
          ConfigKey.optional(
              BINARY,
              ConfigType.BOOL,
              Value.FALSE,
              "Send binary frames instead of text frames. An event's $binary metadata overrides it."
                  + " Text frames must be valid UTF-8."),
          ConfigKey.optional(
                  SESSION,
                  ConfigType.STRING,
                  Value.of(SessionMode.PER_CLIENT.configName()),
                  "per_client: every client stream gets its own upstream connection, opened by its"
                      + " first event and closed when the client's stream ends, so upstream"
                      + " per-connection state works and replies cannot cross. shared: one"
                      + " connection per url for all events, replies matched first-in first-out"
                      + " (Tremor 0.11's model). Warning: with shared, an upstream that sends one"
                      + " reply too many or skips one shifts every later reply onto the next"
                      + " request, so clients receive other clients' data, until a reply timeout"
                      + " retires the connection; a message while no request waits is dropped"
                      + " (counted as repliesDropped, logged at warn). Use shared only with an"
                      + " upstream that answers every request exactly once, or set"
                      + " correlation_field.")
              .withCheck(
                  Check.oneOf(
                      List.of(
                          SessionMode.PER_CLIENT.configName(), SessionMode.SHARED.configName()))),
          ConfigKey.optional(
                  CONNECT_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(2_000),
                  "Milliseconds allowed for the TCP connect plus the websocket handshake. Events"
                      + " waiting for that connection get an error when it runs out.")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  REPLY_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(10_000),
                  "Linked offramps: milliseconds to wait for the upstream's reply to an event before"
                      + " the event gets an error instead; 0 waits forever. Unless correlation_field"
                      + " is set, a timeout also retires the upstream connection (a late reply would be"
                      + " taken for the next request's):"
                      + " its other unanswered requests get an error, and a new connection carries"
                      + " the next events.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  RECONNECT_BACKOFF_MS,
                  ConfigType.INTEGER,
                  Value.of(100),
                  "Milliseconds before the first reconnect attempt after the upstream connection was"
                      + " lost or could not be opened; doubles after every failed attempt and"
                      + " resets after a successful one. The reconnect record's fields win over"
                      + " this key and reconnect_backoff_max_ms.")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  RECONNECT_BACKOFF_MAX_MS,
                  ConfigType.INTEGER,
                  Value.of(2_000),
                  "Upper limit in milliseconds for the growing reconnect delay.")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  MAX_IN_FLIGHT,
                  ConfigType.INTEGER,
                  Value.of(128),
                  "Most events per upstream connection that may be sent and wait for their reply"
                      + " (or wait for the connection) at once. At this many the sender of a further"
                      + " event (a websocket client, say) is held back, not read, until at most half"
                      + " are in flight; its events wait their turn. A sender that cannot be held"
                      + " back (events made by a pipeline, say) gets an error for each event beyond"
                      + " twice this many.")
              .withCheck(Check.between(1, 1_000_000)),
          ConfigKey.optional(
                  MAX_MESSAGE_SIZE,
                  ConfigType.INTEGER,
                  Value.of(WsOnrampProvider.DEFAULT_MAX_MESSAGE_SIZE),
                  "Largest accepted upstream message in bytes, after joining continuation frames;"
                      + " a larger one closes the connection with code 1009.")
              .withCheck(Check.between(1, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  PING_INTERVAL_MS,
                  ConfigType.INTEGER,
                  Value.of(30_000),
                  "Milliseconds between keepalive pings on each upstream connection; 0 sends none.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  PONG_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(10_000),
                  "Milliseconds the upstream may take to answer a ping. An upstream that does not"
                      + " (half-open connection) is dropped: its waiting requests get the error"
                      + " \"Error receiving reply from server <url>: no pong within <n> ms\" and the"
                      + " session reconnects.")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  TLS,
                  ConfigType.RECORD,
                  null,
                  "TLS settings for wss:// urls; without it the JDK's trusted CAs and the url's host"
                      + " name are verified.")
              .withFields(ClientTlsSettings.CONFIG),
          ConfigKey.optional(
                  HEADERS,
                  ConfigType.RECORD,
                  Value.EMPTY_OBJECT,
                  "Extra headers of the upstream handshake request, e.g. {Authorization: \"Bearer"
                      + " x\"}. Per-client sessions also send the headers an onramp forwarded in"
                      + " $ws.headers; those win over these.")
              .withCheck(Check.stringValues()),
          ConfigKey.optional(
              SUBPROTOCOLS,
              ConfigType.STRING_LIST,
              Value.EMPTY_ARRAY,
              "Subprotocols requested in the upstream handshake. A per-client session requests the"
                  + " client's own subprotocol ($ws.subprotocol) instead when there is one."),
          ConfigKey.optional(
                  RECONNECT,
                  ConfigType.RECORD,
                  null,
                  "Reconnect policy (Tremor's later names); each field given wins over the flat"
                      + " reconnect_backoff_ms / reconnect_backoff_max_ms keys. Attempts never overlap.")
              .withFields(ReconnectPolicy.CONFIG),
          ConfigKey.optional(
              CLOSE_CLIENT_ON_UPSTREAM_LOSS,
              ConfigType.BOOL,
              Value.FALSE,
              "per_client sessions: when the upstream connection is lost or cannot be opened, the"
                  + " error events also carry $ws.close = {code: 1014, reason: \"upstream connection"
                  + " lost\"}, and a ws onramp receiving such a reply closes that client with code"
                  + " 1014 after delivering the error (also when no request was waiting, using the"
                  + " client's last request). Default: clients stay connected and get errors only."),
          ConfigKey.optional(
                  CORRELATION_FIELD,
                  ConfigType.STRING,
                  null,
                  "Linked offramps: a field of the event (a dotted path for a nested one, e.g. id or"
                      + " meta.request_id) that the upstream copies from each request into its reply,"
                      + " as JSON-RPC's id. Replies are then matched to requests by that value instead"
                      + " of first in first out, in any order: a reply whose value matches no waiting"
                      + " request (or that has none, or cannot be decoded) is dropped and counted as"
                      + " repliesDropped; a request whose reply never comes gets the reply_timeout_ms"
                      + " error, and the connection is kept. An event without the field, or with the"
                      + " value of a request still waiting, gets an error and is not sent. Needs a"
                      + " codec that gives records, such as json. Unset: first in first out.")
              .withCheck(ReplyCorrelation.CHECK),
          ConfigKey.optional(
                  COMPRESSION,
                  ConfigType.RECORD,
                  null,
                  "Offer permessage-deflate (RFC 7692) to the upstream, off unless enabled; messages"
                      + " are compressed only when the upstream accepts.")
              .withFields(CompressionSettings.OFFRAMP));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new WsOfframp(artefact, WsOfframpSettings.from(config));
  }

  @Override
  public List<ProcessSetting<?>> processSettings() {
    return EventLoops.SETTINGS;
  }
}
