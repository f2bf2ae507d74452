package io.quiver.connectors.ws;

import io.quiver.spi.config.Config;

/**
 * The validated settings of one websocket onramp.
 *
 * @param bufferAcrossMessages whether buffering preprocessors keep a line fragment across messages
 * @param maxMessageSize largest accepted message in bytes
 */
public record WsOnrampSettings(
    String host, int port, boolean bufferAcrossMessages, int maxMessageSize) {

  static WsOnrampSettings from(Config config) {
    return new WsOnrampSettings(
        config.string(WsOnrampProvider.HOST),
        (int) config.integer(WsOnrampProvider.PORT),
        config.bool(WsOnrampProvider.BUFFER_ACROSS_MESSAGES),
        (int) config.integer(WsOnrampProvider.MAX_MESSAGE_SIZE));
  }
}
