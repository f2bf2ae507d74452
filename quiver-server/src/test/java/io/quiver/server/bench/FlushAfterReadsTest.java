package io.quiver.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writes made while reading go out once the read batch completes, in one flush. */
class FlushAfterReadsTest {

  /** Answers every message with itself, written but not flushed. */
  private static final class Echo extends FlushAfterReads {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
      flushAfterReads();
    }
  }

  @Test
  void repliesWaitForTheEndOfTheReadBatchThenGoOutTogether() {
    AtomicInteger readCompletes = new AtomicInteger();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new Echo(),
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelReadComplete(ChannelHandlerContext ctx) {
                readCompletes.incrementAndGet();
              }
            });
    ch.pipeline().fireChannelRead("a");
    ch.pipeline().fireChannelRead("b");
    assertThat((Object) ch.readOutbound()).isNull();
    ch.pipeline().fireChannelReadComplete();
    assertThat((Object) ch.readOutbound()).isEqualTo("a");
    assertThat((Object) ch.readOutbound()).isEqualTo("b");
    assertThat(readCompletes).hasValue(1);
    ch.finishAndReleaseAll();
  }

  @Test
  void aReadBatchWithoutWritesDoesNotFlushButStillPassesTheEventOn() {
    AtomicInteger flushes = new AtomicInteger();
    AtomicInteger readCompletes = new AtomicInteger();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new io.netty.channel.ChannelOutboundHandlerAdapter() {
              @Override
              public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
              }
            },
            new FlushAfterReads() {},
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelReadComplete(ChannelHandlerContext ctx) {
                readCompletes.incrementAndGet();
              }
            });
    ch.pipeline().fireChannelReadComplete();
    assertThat(flushes).hasValue(0);
    assertThat(readCompletes).hasValue(1);
    ch.finishAndReleaseAll();
  }
}
