package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleTimeout}: its timer runs on the channel's loop (frozen time here, advanced by the
 * test); the idle span is measured on the real clock, as in production.
 */
class IdleTimeoutTest {
  private final StringBuilder events = new StringBuilder();

  /** Idle after {@code idleMs}; strings are data, anything else is not; starts when added. */
  private IdleTimeout handler(long idleMs) {
    return new IdleTimeout(idleMs) {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        start(ctx);
      }

      @Override
      protected boolean isData(Object msg) {
        return msg instanceof String;
      }

      @Override
      protected void idle(ChannelHandlerContext ctx, long idleForMs) {
        events.append("idle after at least ").append(idleForMs >= idleMs()).append(';');
        ctx.close();
      }
    };
  }

  @Test
  void whenTheTimerFiresBeforeTheSpanHasPassedItWaitsForTheRest() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(handler(60_000));
    channel.advanceTimeBy(60, TimeUnit.SECONDS); // the loop's clock, not the real one
    channel.runScheduledPendingTasks();
    assertThat(events).isEmpty();
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.runScheduledPendingTasks())
        .as("re-armed for the rest of the span (nanoseconds to the next check)")
        .isPositive();
  }

  @Test
  void aConnectionWithoutDataForTheSpanIsIdleOnce() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(handler(1));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (channel.isOpen() && System.nanoTime() < deadline) {
      channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
    }
    assertThat(events).hasToString("idle after at least true;");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void dataPassesThroughBothWays() {
    EmbeddedChannel channel = new EmbeddedChannel(handler(60_000));
    channel.writeInbound("in");
    channel.writeOutbound("out");
    assertThat((Object) channel.readInbound()).isEqualTo("in");
    assertThat((Object) channel.readOutbound()).isEqualTo("out");
  }
}
