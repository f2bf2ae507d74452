package io.quiver.connectors.net;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Resets (instead of ending gracefully) a connection that is closed while bytes for it still wait
 * in the proxy: the peer stopped reading, so even the close frame could not be written before the
 * close handshake timed out. A graceful close would leave the kernel holding the socket and its
 * unsent bytes for minutes (retransmitting to a zero window); {@code SO_LINGER} 0 makes the close
 * send a TCP reset and free them at once. A connection whose bytes all went out closes as usual.
 *
 * <p>It sits at the head of the pipeline, so it sees the close last, after the websocket and TLS
 * handlers had their bounded chance to say goodbye.
 */
public final class AbortiveClose extends ChannelOutboundHandlerAdapter {
  /** The handler's name in the pipeline. */
  public static final String NAME = "abortive-close";

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
    if (unsent != null && unsent.totalPendingWriteBytes() > 0 && ctx.channel().isActive()) {
      try {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      } catch (ChannelException closedMeanwhile) {
        // nothing left to reset
      }
    }
    super.close(ctx, promise);
  }
}
