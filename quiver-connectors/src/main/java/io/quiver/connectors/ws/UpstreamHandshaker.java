package io.quiver.connectors.ws;

import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * The offramp's RFC 6455 client handshaker: Netty's, built from the same protocol config, except
 * that its frame decoder does not send a close frame of its own on a protocol violation. Netty's
 * client decoder would write that frame below the frame encoder (so it never left) and close the
 * channel, and the protocol handler would then send 1000 instead of the violation's code; with this
 * decoder the violation reaches {@link UpstreamLifecycleHandler}, which sends the one close frame
 * with the right code (1002, 1007, 1009).
 */
final class UpstreamHandshaker {
  private UpstreamHandshaker() {}

  static WebSocketClientHandshaker of(WebSocketClientProtocolConfig config) {
    return new WebSocketClientHandshaker13(
        config.webSocketUri(),
        config.version(),
        config.subprotocol(),
        config.allowExtensions(),
        config.customHeaders(),
        config.maxFramePayloadLength(),
        config.performMasking(),
        config.allowMaskMismatch(),
        config.forceCloseTimeoutMillis()) { // absolute upgrade URLs (proxies) are not used here
      @Override
      protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .allowExtensions(config.allowExtensions())
                .maxFramePayloadLength(config.maxFramePayloadLength())
                .allowMaskMismatch(config.allowMaskMismatch())
                .closeOnProtocolViolation(false)
                .build());
      }
    };
  }
}
