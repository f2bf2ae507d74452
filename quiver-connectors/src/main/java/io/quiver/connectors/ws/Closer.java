package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/** Ends a websocket connection with a close code and reason, counted in the metrics. */
final class Closer {
  private static final long FORCE_AFTER_MS = 1_000;

  private Closer() {}

  /**
   * Sends a close frame and lets the peer end the connection: the protocol handler closes the
   * channel when the peer's close frame comes back (RFC 6455 §7.1.1: the server closes TCP after
   * the closing handshake), or after a second if it does not (a peer that stopped reading). Closing
   * TCP right after our close frame would make the peer's answering close hit a closed socket: the
   * reset can cost the peer the last messages before the close, still unread in its buffer.
   */
  static void close(Channel channel, WsMetrics metrics, int code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    metrics.closeCode(code);
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
    channel.eventLoop().schedule(() -> channel.close(), FORCE_AFTER_MS, TimeUnit.MILLISECONDS);
  }

  /** Sends a close frame (best effort) and closes the channel at once. */
  static void closeNow(Channel channel, WsMetrics metrics, int code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    metrics.closeCode(code);
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
    channel.close();
  }
}
