package io.quiver.server.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A load client's handler whose writes made while reading replies are flushed once per read batch,
 * when the read completes, instead of once per write.
 */
abstract class FlushAfterReads extends ChannelInboundHandlerAdapter {
  private boolean flushPending;

  /** Asks for one flush when the current read batch completes. */
  final void flushAfterReads() {
    flushPending = true;
  }

  @Override
  public final void channelReadComplete(ChannelHandlerContext ctx) {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }
}
