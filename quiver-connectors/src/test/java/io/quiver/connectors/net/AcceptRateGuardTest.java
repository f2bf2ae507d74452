package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The token bucket on accepted sockets. */
class AcceptRateGuardTest {
  private final ConnectionMetrics metrics = new ConnectionMetrics();
  private final EmbeddedChannel listener =
      new EmbeddedChannel(new AcceptRateGuard(3, metrics, "onramp"));

  @Test
  void aBurstOfOneSecondsWorthPassesAndTheRestIsClosedAndCounted() {
    EmbeddedChannel[] accepted = new EmbeddedChannel[5];
    for (int i = 0; i < accepted.length; i++) {
      accepted[i] = new EmbeddedChannel();
      listener.writeInbound(accepted[i]);
    }
    // a refill during the loop may let a fourth one through, never all five
    int passed = 0;
    while (listener.readInbound() != null) {
      passed++;
    }
    assertThat(passed).isBetween(3, 4);
    assertThat(metrics.snapshot().acceptsThrottled()).isEqualTo(5 - passed);
    assertThat(accepted[4].isOpen()).as("the last one is over the bucket").isFalse();
    assertThat(accepted[0].isOpen()).isTrue();
  }

  @Test
  void otherMessagesPassUntouched() {
    listener.writeInbound("not a channel");
    assertThat((Object) listener.readInbound()).isEqualTo("not a channel");
    assertThat(metrics.snapshot().acceptsThrottled()).isZero();
  }
}
