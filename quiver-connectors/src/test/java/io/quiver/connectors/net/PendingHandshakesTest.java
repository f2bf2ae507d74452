package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class PendingHandshakesTest {
  @Test
  void overTheBoundTheOldestPendingSocketIsTheOneToClose() {
    PendingHandshakes pending = new PendingHandshakes(2);
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    EmbeddedChannel c = new EmbeddedChannel();
    EmbeddedChannel d = new EmbeddedChannel();
    assertThat(pending.admit(a)).isNull();
    assertThat(pending.admit(b)).isNull();
    assertThat(pending.admit(c)).isSameAs(a);
    pending.remove(b); // b completed its handshake
    assertThat(pending.admit(d)).isNull();
    assertThat(pending.size()).isEqualTo(2);
    assertThat(pending.admit(new EmbeddedChannel())).isSameAs(c);
  }

  @Test
  void zeroMeansNoBound() {
    PendingHandshakes pending = new PendingHandshakes(0);
    for (int i = 0; i < 100; i++) {
      assertThat(pending.admit(new EmbeddedChannel())).isNull();
    }
    assertThat(pending.size()).isEqualTo(100);
  }
}
