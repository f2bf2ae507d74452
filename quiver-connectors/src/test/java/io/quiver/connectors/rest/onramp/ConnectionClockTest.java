package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionClockTest {
  private final AtomicInteger timeouts = new AtomicInteger();
  private final AtomicBoolean quiet = new AtomicBoolean(true);
  private final ConnectionClock clock = new ConnectionClock(1_000, 5_000);
  private final EmbeddedChannel channel;

  ConnectionClockTest() {
    clock.listener(
        new ConnectionClock.Listener() {
          @Override
          public void headerTimeout() {
            timeouts.incrementAndGet();
          }

          @Override
          public boolean quiet() {
            return quiet.get();
          }
        });
    channel = new EmbeddedChannel(clock);
    channel.freezeTime(); // only after() moves the clock, however slow the machine
  }

  private void after(long ms) {
    channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void headerClockRunsFromTheFirstByteUntilTheHeadersAreDone() {
    after(3_000);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G'}));
    after(999);
    assertThat(timeouts).hasValue(0);
    after(1);
    assertThat(timeouts).hasValue(1);

    clock.requestDone();
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G'}));
    clock.headersDone();
    after(2_000);
    assertThat(timeouts).hasValue(1);
  }

  @Test
  void idleClockClosesAQuietConnectionOnlyWhileNothingIsOutstanding() {
    quiet.set(false);
    after(4_000);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G'}));
    clock.headersDone();
    clock.requestDone();
    after(10_000);
    assertThat(channel.isOpen()).isTrue();

    quiet.set(true);
    clock.idleIfQuiet();
    after(4_999);
    assertThat(channel.isOpen()).isTrue();
    after(1);
    assertThat(channel.isOpen()).isFalse();
  }
}
