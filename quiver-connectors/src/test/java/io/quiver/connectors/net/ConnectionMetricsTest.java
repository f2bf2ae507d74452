package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionMetricsTest {
  @Test
  void countersGrowAndTheOpenConnectionsAreOpenedMinusClosed() {
    ConnectionMetrics m = new ConnectionMetrics();
    m.opened();
    m.opened();
    m.opened();
    m.closed();
    m.rejected();
    m.acceptThrottled();
    m.acceptThrottled();
    m.pendingHandshakeEvicted();
    ConnectionMetrics.Snapshot s = m.snapshot();
    assertThat(s).isEqualTo(new ConnectionMetrics.Snapshot(3, 1, 1, 2, 1));
    assertThat(s.open()).isEqualTo(2);
  }
}
