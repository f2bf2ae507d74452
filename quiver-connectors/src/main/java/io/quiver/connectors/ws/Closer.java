package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/** Ends a websocket connection with a close code and reason, counted in the metrics. */
final class Closer {
  private static final long FORCE_AFTER_MS = 1_000;

  private Closer() {}

  /**
   * Sends a close frame and closes the channel once it is written, or after a second if the peer
   * does not take it (a peer that stopped reading).
   */
  static void close(Channel channel, WsMetrics metrics, int code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    metrics.closeCode(code);
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> channel.close());
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
