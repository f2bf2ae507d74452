package io.quiver.server.bench;

import io.netty.channel.ChannelHandlerContext;

/** One client connection of {@link WsLoad}: the throughput client or the verifying soak client. */
sealed interface LoadClient permits LoadConnection, VerifiedConnection {
  /** Starts sending, on this connection's event loop. */
  void begin(long startNs);

  /** The connection's context once its handshake completed. */
  ChannelHandlerContext context();

  /** Whether this connection was opened at the start (not as a replacement during the run). */
  default boolean initial() {
    return true;
  }
}
