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

  @Test
  void reportWritesEveryCounterWithTheProtocol() {
    ConnectionMetrics m = new ConnectionMetrics();
    m.opened();
    m.opened();
    m.closed();
    m.rejected();
    RecordedMetrics r = new RecordedMetrics();

    m.report(r, "http");

    assertThat(r.samples)
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "quiver_connections_open{protocol=http}", 1.0,
                "quiver_connections_opened{protocol=http}", 2.0,
                "quiver_connections_closed{protocol=http}", 1.0,
                "quiver_connections_rejected{protocol=http}", 1.0,
                "quiver_connections_accepts_throttled{protocol=http}", 0.0,
                "quiver_connections_handshakes_evicted{protocol=http}", 0.0));
  }
}
