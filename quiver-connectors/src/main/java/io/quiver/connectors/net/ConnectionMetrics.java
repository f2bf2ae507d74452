package io.quiver.connectors.net;

import io.quiver.spi.metrics.MetricsReport;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection counters every Netty connector keeps, whatever its protocol: connections opened,
 * closed and refused, and sockets turned away at accept ({@link AcceptRateGuard}) or while still in
 * their handshake ({@link PendingHandshakes}). Cheap to update from any event loop; they only ever
 * grow (no reset), so exporters can compute rates. A connector's own metrics hold one of these next
 * to their protocol's counters.
 */
public final class ConnectionMetrics {
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder acceptsThrottled = new LongAdder();
  private final LongAdder pendingHandshakesEvicted = new LongAdder();

  /**
   * A consistent-enough copy of the counters (each read atomically, not all at once).
   *
   * @param opened connections that became usable (for websockets: completed their handshake)
   * @param closed of those, how many have ended
   * @param rejected connections refused by the connector's own rules (limits, origin, path)
   * @param acceptsThrottled sockets closed right after accept because they came faster than the
   *     accept rate allows
   * @param pendingHandshakesEvicted sockets still in their handshake closed to make room for a
   *     newer one
   */
  public record Snapshot(
      long opened,
      long closed,
      long rejected,
      long acceptsThrottled,
      long pendingHandshakesEvicted) {

    /** Connections open right now. */
    public long open() {
      return opened - closed;
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(
        opened.sum(),
        closed.sum(),
        rejected.sum(),
        acceptsThrottled.sum(),
        pendingHandshakesEvicted.sum());
  }

  /**
   * Writes the counters as {@code quiver_connections_*} with label {@code protocol} (e.g. {@code
   * ws}, {@code http}).
   */
  public void report(MetricsReport report, String protocol) {
    Snapshot s = snapshot();
    String[] p = {"protocol", protocol};
    report.gauge("quiver_connections_open", "Connections open now", s.open(), p);
    report.counter(
        "quiver_connections_opened",
        "Connections that became usable (websockets: completed their handshake)",
        s.opened(),
        p);
    report.counter("quiver_connections_closed", "Usable connections that ended", s.closed(), p);
    report.counter(
        "quiver_connections_rejected",
        "Connections refused by the connector's rules (limits, origin, path)",
        s.rejected(),
        p);
    report.counter(
        "quiver_connections_accepts_throttled",
        "Sockets closed right after accept because they came faster than the accept rate allows",
        s.acceptsThrottled(),
        p);
    report.counter(
        "quiver_connections_handshakes_evicted",
        "Sockets still in their handshake closed to make room for a newer one",
        s.pendingHandshakesEvicted(),
        p);
  }

  public void opened() {
    opened.increment();
  }

  public void closed() {
    closed.increment();
  }

  public void rejected() {
    rejected.increment();
  }

  public void acceptThrottled() {
    acceptsThrottled.increment();
  }

  public void pendingHandshakeEvicted() {
    pendingHandshakesEvicted.increment();
  }
}
