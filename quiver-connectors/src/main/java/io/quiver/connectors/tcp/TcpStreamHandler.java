package io.quiver.connectors.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted TCP connection as one stream: opened when the connection becomes active, each chunk
 * read handed on as it comes (not the end of a message, so a {@code lines} preprocessor keeps a
 * partial line until the rest arrives, per connection), closed exactly once when the connection
 * ends, which flushes what the preprocessors still hold. Pausing the stream stops reading. The
 * unix-socket onramp's connections are the same.
 */
public final class TcpStreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TcpStreamHandler.class);

  private final SourceContext context;
  private final Artefact artefact;
  private long stream = -1;

  public TcpStreamHandler(SourceContext context, Artefact artefact) {
    this.context = context;
    this.artefact = artefact;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    Channel ch = ctx.channel();
    stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                ch.config().setAutoRead(false);
              }

              @Override
              public void resume() {
                ch.config().setAutoRead(true);
              }
            });
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (stream >= 0 && buf.isReadable()) {
        context.receive(stream, ByteBufUtil.getBytes(buf), Value.EMPTY_OBJECT, false);
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (stream >= 0) {
      long s = stream;
      stream = -1;
      context.closeStream(s);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("{}: tcp connection {} failed: {}", artefact.url(), ctx.channel(), cause.toString());
    ctx.close();
  }
}
