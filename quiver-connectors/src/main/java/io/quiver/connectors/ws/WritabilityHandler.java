package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a client whose replies pile up (its {@link ReplyBacklog} reached
 * send_queue_max_bytes, or the channel is above its write-buffer high water mark) and reads again
 * once they drained to half.
 */
final class WritabilityHandler extends ChannelInboundHandlerAdapter {

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ClientConnection connection = ctx.channel().attr(ClientConnection.KEY).get();
    if (connection != null) {
      connection.gate().writabilityChanged(ctx.channel().isWritable());
    }
    super.channelWritabilityChanged(ctx);
  }
}
