package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The clock of a channel that stays unwritable, on an {@link EmbeddedChannel}'s frozen time. */
class UnwritableTimeoutTest {
  private int expired;
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new UnwritableTimeout(1_000) {
            @Override
            protected void expired(ChannelHandlerContext ctx) {
              expired++;
            }
          });

  UnwritableTimeoutTest() {
    channel.freezeTime();
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(4, 8));
  }

  @Test
  void aChannelUnwritableForTheTimeoutExpiresOnce() {
    channel.write(Unpooled.buffer(16).writeZero(16)); // not flushed: above the high water mark
    assertThat(channel.isWritable()).isFalse();
    channel.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(expired).isZero();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(expired).isEqualTo(1);
    channel.advanceTimeBy(10, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(expired).as("once per unwritable spell").isEqualTo(1);
  }

  @Test
  void aChannelThatDrainsInTimeDoesNotExpire() {
    channel.write(Unpooled.buffer(16).writeZero(16));
    channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    channel.flush(); // the peer read: writable again
    assertThat(channel.isWritable()).isTrue();
    channel.advanceTimeBy(10, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(expired).isZero();
    channel.releaseOutbound();
  }
}
