package io.quiver.connectors.ws;

import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.spi.config.ProcessSetting;
import io.quiver.value.Value;
import java.util.List;

/** The websocket onramp ({@code type: ws}): a websocket server, one stream per client. */
public final class WsOnrampProvider implements SourceProvider {
  public static final String NAME = "ws";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String BUFFER_ACROSS_MESSAGES = "buffer_across_messages";
  static final String MAX_MESSAGE_SIZE = "max_message_size";
  static final String PING_INTERVAL_MS = "ping_interval_ms";
  static final String PONG_TIMEOUT_MS = "pong_timeout_ms";
  static final String MAX_CONNECTIONS = "max_connections";
  static final String IDLE_TIMEOUT_MS = "idle_timeout_ms";
  static final String SEND_QUEUE_MAX_BYTES = "send_queue_max_bytes";
  static final String SLOW_READER_TIMEOUT_MS = "slow_reader_timeout_ms";
  static final String TLS = "tls";
  static final String FORWARD_HEADERS = "forward_headers";
  static final String SUBPROTOCOLS = "subprotocols";
  static final String ALLOWED_ORIGINS = "allowed_origins";
  static final String PATH = "path";
  static final String HANDSHAKE_TIMEOUT_MS = "handshake_timeout_ms";
  static final String MAX_PENDING_HANDSHAKES = "max_pending_handshakes";
  static final String MAX_ACCEPTS_PER_SECOND = "max_accepts_per_second";
  static final String COMPRESSION = "compression";

  static final long DEFAULT_MAX_MESSAGE_SIZE = 16L * 1024 * 1024;
  static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
  static final int DEFAULT_MAX_PENDING_HANDSHAKES = 1_000;
  static final int DEFAULT_MAX_ACCEPTS_PER_SECOND = 1_000;

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  HOST,
                  ConfigType.STRING,
                  "Address to listen on, e.g. 0.0.0.0 for every interface or 127.0.0.1 for local"
                      + " clients only.")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(PORT, ConfigType.INTEGER, "TCP port to listen on (1 to 65535).")
              .withCheck(Check.between(1, 65535)),
          ConfigKey.optional(
              BUFFER_ACROSS_MESSAGES,
              ConfigType.BOOL,
              Value.FALSE,
              "When false (Quiver's default) the end of a websocket message also ends a line for"
                  + " buffering preprocessors such as lines, so a message without a trailing newline"
                  + " is still an event. When true, a line may span several messages, as in Tremor"
                  + " 0.11."),
          ConfigKey.optional(
                  MAX_MESSAGE_SIZE,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_MESSAGE_SIZE),
                  "Largest accepted websocket message in bytes, after joining continuation frames."
                      + " A client sending a larger message is disconnected with close code 1009"
                      + " (message too big).")
              .withCheck(Check.between(1, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  PING_INTERVAL_MS,
                  ConfigType.INTEGER,
                  Value.of(30_000),
                  "Milliseconds between keepalive pings to each client; 0 sends none. Keeps proxies"
                      + " in between (nginx closes silent tunnels after 60 s) from dropping idle"
                      + " connections and finds dead clients.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  PONG_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(10_000),
                  "Milliseconds a client may take to answer a ping; a client that does not is"
                      + " disconnected with close code 1001. Not counted while the onramp itself"
                      + " has stopped reading that client (backpressure).")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  MAX_CONNECTIONS,
                  ConfigType.INTEGER,
                  Value.of(10_000),
                  "Most clients connected at once (completed handshakes); further handshakes are"
                      + " refused with HTTP 503. Sockets still in their handshake do not count (see"
                      + " max_pending_handshakes). 0 means no limit.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  IDLE_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(0),
                  "Milliseconds without a message in either direction (pings do not count) after"
                      + " which a client is disconnected with close code 1001; 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  SEND_QUEUE_MAX_BYTES,
                  ConfigType.INTEGER,
                  Value.of(1024 * 1024),
                  "Bytes of replies that may wait for a slow client; above it the onramp stops"
                      + " reading that client and its per-client upstream sessions stop reading"
                      + " their upstream until the queue drained to half; another"
                      + " send_queue_max_bytes of replies arriving meanwhile closes the client"
                      + " with close code 1008.")
              .withCheck(Check.between(1024, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  SLOW_READER_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(30_000),
                  "Milliseconds a client's reply queue may stay above send_queue_max_bytes before"
                      + " the client is disconnected with close code 1008; 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(TLS, ConfigType.RECORD, null, "Serve wss:// (TLS) instead of ws://.")
              .withFields(ServerTlsSettings.CONFIG),
          ConfigKey.optional(
              FORWARD_HEADERS,
              ConfigType.STRING_LIST,
              Value.EMPTY_ARRAY,
              "Handshake request headers of a client (e.g. [Authorization, Cookie]) copied into"
                  + " the metadata of each of its events as $ws.headers (a record by header name"
                  + " as configured); a ws offramp sends them when it opens that client's upstream"
                  + " connection."),
          ConfigKey.optional(
              SUBPROTOCOLS,
              ConfigType.STRING_LIST,
              Value.EMPTY_ARRAY,
              "Subprotocols the onramp accepts; the one a client chose is in $ws.subprotocol of"
                  + " its events and is requested from the upstream by a ws offramp. Empty: no"
                  + " subprotocol is negotiated."),
          ConfigKey.optional(
              ALLOWED_ORIGINS,
              ConfigType.STRING_LIST,
              Value.EMPTY_ARRAY,
              "When not empty, only handshakes whose Origin header is one of these (e.g."
                  + " https://app.example.com) are accepted; others get HTTP 403. Clients that send"
                  + " no Origin (non-browsers) are accepted."),
          ConfigKey.optional(
                  PATH,
                  ConfigType.STRING,
                  null,
                  "When set, only handshakes for this path (e.g. /ws) are accepted; others get"
                      + " HTTP 404. Unset: any path.")
              .withCheck(
                  v ->
                      v instanceof Value.Str s && !s.value().startsWith("/")
                          ? "value must start with /"
                          : null),
          ConfigKey.optional(
                  HANDSHAKE_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_HANDSHAKE_TIMEOUT_MS),
                  "Milliseconds from accepting a socket until its websocket handshake (TLS, upgrade"
                      + " request, response) must be complete; then a socket that sent part of a request"
                      + " gets HTTP 408 and is closed, one that sent nothing is closed without an answer."
                      + " 0 never.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  MAX_PENDING_HANDSHAKES,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_PENDING_HANDSHAKES),
                  "Most sockets still in their handshake at once, counted apart from max_connections;"
                      + " a further one makes the onramp close the oldest of them (without an answer)."
                      + " 0 means no limit.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  MAX_ACCEPTS_PER_SECOND,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_ACCEPTS_PER_SECOND),
                  "Most new sockets accepted per second (a token bucket holding one second's worth);"
                      + " a socket over it is closed at once, without an answer. 0 means no limit.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  COMPRESSION,
                  ConfigType.RECORD,
                  null,
                  "permessage-deflate (RFC 7692) for clients that offer it, off unless enabled.")
              .withFields(CompressionSettings.ONRAMP));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "string";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new WsOnramp(artefact, WsOnrampSettings.from(config));
  }

  @Override
  public List<ProcessSetting<?>> processSettings() {
    return List.of(
        EventLoops.TRANSPORT,
        EventLoops.THREADS,
        ReplyMemoryBudget.SETTING,
        PassThroughSwitch.SETTING);
  }
}
