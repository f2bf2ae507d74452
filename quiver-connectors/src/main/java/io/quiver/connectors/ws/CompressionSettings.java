package io.quiver.connectors.ws;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code compression} record of a ws onramp or offramp: permessage-deflate (RFC 7692),
 * negotiated per connection with Netty's extension handshakers. Off by default (Tremor 0.11 has no
 * websocket compression, and a deflater with a 15-bit window holds about 256 KiB per connection).
 *
 * @param level deflate level, 0 (store) to 9 (smallest)
 * @param serverMaxWindowBits onramp: the largest window its deflater uses (and grants to a client
 *     asking for a smaller one); offramp: the window asked of the upstream's deflater (15: none
 *     asked)
 * @param clientMaxWindowBits onramp: the window asked of clients that offer client_max_window_bits
 * @param serverNoContextTakeover onramp: its deflater starts afresh for every message (it holds no
 *     deflate state between messages); offramp: asks the upstream to do so
 * @param clientNoContextTakeover onramp: asks clients to start their deflater afresh for every
 *     message
 */
public record CompressionSettings(
    int level,
    int serverMaxWindowBits,
    int clientMaxWindowBits,
    boolean serverNoContextTakeover,
    boolean clientNoContextTakeover) {

  private static final String ENABLED = "enabled";
  private static final String LEVEL = "level";
  private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
  private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
  private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
  private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";

  private static ConfigKey enabled(String what) {
    return ConfigKey.optional(ENABLED, ConfigType.BOOL, Value.FALSE, what);
  }

  private static ConfigKey levelKey() {
    return ConfigKey.optional(
            LEVEL, ConfigType.INTEGER, Value.of(6), "Deflate level, 0 (fastest) to 9 (smallest).")
        .withCheck(Check.between(0, 9));
  }

  /** The onramp's record (server side of the negotiation). */
  static final ConfigSpec ONRAMP =
      ConfigSpec.of(
          enabled("Accept permessage-deflate when a client offers it (browsers do)."),
          levelKey(),
          ConfigKey.optional(
                  SERVER_MAX_WINDOW_BITS,
                  ConfigType.INTEGER,
                  Value.of(15),
                  "Window of the onramp's deflater, 8 to 15 (2^n bytes); smaller windows hold less"
                      + " memory per client and compress less. A client asking for a smaller one gets it.")
              .withCheck(Check.between(8, 15)),
          ConfigKey.optional(
                  CLIENT_MAX_WINDOW_BITS,
                  ConfigType.INTEGER,
                  Value.of(15),
                  "Window asked of a client's deflater when the client offers client_max_window_bits, 8 to 15.")
              .withCheck(Check.between(8, 15)),
          ConfigKey.optional(
              SERVER_NO_CONTEXT_TAKEOVER,
              ConfigType.BOOL,
              Value.FALSE,
              "When true the onramp compresses every message on its own and holds no deflater"
                  + " between messages (less memory per idle client, less compression)."),
          ConfigKey.optional(
              CLIENT_NO_CONTEXT_TAKEOVER,
              ConfigType.BOOL,
              Value.FALSE,
              "When true clients are told to compress every message on its own."));

  /** The offramp's record (client side of the negotiation). */
  static final ConfigSpec OFFRAMP =
      ConfigSpec.of(
          enabled("Offer permessage-deflate to the upstream; used when it accepts."),
          levelKey(),
          ConfigKey.optional(
                  SERVER_MAX_WINDOW_BITS,
                  ConfigType.INTEGER,
                  Value.of(15),
                  "Window asked of the upstream's deflater, 8 to 15; 15 asks for nothing.")
              .withCheck(Check.between(8, 15)),
          ConfigKey.optional(
              SERVER_NO_CONTEXT_TAKEOVER,
              ConfigType.BOOL,
              Value.FALSE,
              "Ask the upstream to compress every message on its own."));

  /** The settings of a validated record, or {@code null} when it is absent or not enabled. */
  static CompressionSettings onramp(Value record) {
    if (record == null) {
      return null;
    }
    Config c = ONRAMP.parse(record);
    if (!c.bool(ENABLED)) {
      return null;
    }
    return new CompressionSettings(
        (int) c.integer(LEVEL),
        (int) c.integer(SERVER_MAX_WINDOW_BITS),
        (int) c.integer(CLIENT_MAX_WINDOW_BITS),
        c.bool(SERVER_NO_CONTEXT_TAKEOVER),
        c.bool(CLIENT_NO_CONTEXT_TAKEOVER));
  }

  /** As {@link #onramp}, for the offramp's record. */
  static CompressionSettings offramp(Value record) {
    if (record == null) {
      return null;
    }
    Config c = OFFRAMP.parse(record);
    if (!c.bool(ENABLED)) {
      return null;
    }
    return new CompressionSettings(
        (int) c.integer(LEVEL),
        (int) c.integer(SERVER_MAX_WINDOW_BITS),
        15,
        c.bool(SERVER_NO_CONTEXT_TAKEOVER),
        false);
  }

  /**
   * The onramp's extension handler: accepts a client's permessage-deflate offer with these
   * parameters. A decompressed frame larger than {@code maxMessageSize} stops inflating there (see
   * {@link ExtensionFrameGuard}).
   */
  WebSocketServerExtensionHandler serverHandler(int maxMessageSize) {
    return new WebSocketServerExtensionHandler(serverHandshaker(maxMessageSize));
  }

  /**
   * The handshaker behind {@link #serverHandler}: Netty's, with the configured no-context-takeover
   * forced.
   */
  WebSocketServerExtensionHandshaker serverHandshaker(int maxMessageSize) {
    PerMessageDeflateServerExtensionHandshaker netty =
        new PerMessageDeflateServerExtensionHandshaker(
            level,
            true, // grant a client's server_max_window_bits (at most ours)
            clientMaxWindowBits,
            true, // grant a client's server_no_context_takeover: it only saves us memory
            clientNoContextTakeover,
            serverMaxWindowBits,
            PerMessageDeflateServerExtensionHandshaker.DEFAULT_MEM_LEVEL,
            maxMessageSize); // the inflater stops there (maxAllocation)
    return new Forcing(netty);
  }

  /** The offramp's extension handler: offers permessage-deflate with these parameters. */
  WebSocketClientExtensionHandler clientHandler(int maxMessageSize) {
    return new WebSocketClientExtensionHandler(
        new PerMessageDeflateClientExtensionHandshaker(
            level,
            true, // an upstream may ask for a smaller client window
            serverMaxWindowBits,
            true, // an upstream may ask us to compress every message on its own
            serverNoContextTakeover,
            maxMessageSize));
  }

  /**
   * Netty's server handshaker grants the no-context-takeover parameters only when the client
   * offered them; RFC 7692 (§7.1.1.1, §7.1.1.2) lets a server include them anyway, so the
   * configured ones are added to the offer before Netty answers it.
   */
  private final class Forcing implements WebSocketServerExtensionHandshaker {
    private final WebSocketServerExtensionHandshaker netty;

    Forcing(WebSocketServerExtensionHandshaker netty) {
      this.netty = netty;
    }

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
      Map<String, String> parameters = new LinkedHashMap<>(offer.parameters());
      if (serverNoContextTakeover) {
        parameters.put(SERVER_NO_CONTEXT_TAKEOVER, null);
      }
      if (clientNoContextTakeover) {
        parameters.put(CLIENT_NO_CONTEXT_TAKEOVER, null);
      }
      try {
        return netty.handshakeExtension(new WebSocketExtensionData(offer.name(), parameters));
      } catch (RuntimeException e) {
        return null; // a malformed offer (e.g. a window size that is no number) is declined, not
        // fatal
      }
    }
  }
}
