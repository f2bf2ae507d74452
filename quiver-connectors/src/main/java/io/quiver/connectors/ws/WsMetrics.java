package io.quiver.connectors.ws;

import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.spi.metrics.MetricsReport;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one websocket onramp or offramp, cheap to update from any event loop. Read them with
 * {@link #snapshot()}; they only ever grow (no reset), so exporters can compute rates.
 */
public final class WsMetrics {
  private final ConnectionMetrics connections = new ConnectionMetrics();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder replyTimeouts = new LongAdder();
  private final LongAdder pingsSent = new LongAdder();
  private final LongAdder pongsMissed = new LongAdder();
  private final LongAdder idleTimeouts = new LongAdder();
  private final LongAdder slowReaderCloses = new LongAdder();
  private final LongAdder sendersHeld = new LongAdder();
  private final LongAdder repliesDropped = new LongAdder();
  private final LongAdder upstreamReadPauses = new LongAdder();
  private final LongAdder replyOverflowCloses = new LongAdder();
  private final LongAdder budgetCloses = new LongAdder();
  private final LongAdder handshakeTimeouts = new LongAdder();
  private final LongAdder compressedConnections = new LongAdder();
  private final ConcurrentHashMap<Integer, LongAdder> closesByCode = new ConcurrentHashMap<>();

  /**
   * A consistent-enough copy of the counters (each read atomically, not all at once).
   *
   * @param connectionsOpened websocket connections that completed their handshake
   * @param connectionsClosed of those, how many have ended
   * @param connectionsRejected onramp: connections refused (max_connections, origin, path)
   * @param reconnects offramp: connection attempts after a lost or failed connection
   * @param connectFailures offramp: connection attempts that failed
   * @param replyTimeouts offramp: requests answered with a reply timeout error
   * @param pingsSent keepalive pings sent
   * @param pongsMissed connections closed because no pong arrived in time
   * @param idleTimeouts onramp: connections closed by idle_timeout_ms
   * @param slowReaderCloses onramp: clients closed because they did not read their replies
   * @param sendersHeld offramp: times a sender was held back (not read) because its upstream
   *     session had max_in_flight events in flight
   * @param repliesDropped offramp: upstream messages dropped because they answered no waiting
   *     request (a shared session's unsolicited message; with correlation_field, a reply whose id
   *     matches no waiting request)
   * @param closesByCode close frames sent or received, by close code
   * @param upstreamReadPauses offramp: times a per-client upstream session stopped reading its
   *     upstream because its client's reply queue was full (send_queue_max_bytes)
   * @param replyOverflowCloses onramp: clients closed (1008) because replies kept coming while
   *     their reply queue was full: another send_queue_max_bytes of them
   * @param budgetCloses onramp: clients closed (1008) because all clients together held more reply
   *     bytes than the process's reply memory budget, and they held the most
   * @param handshakeTimeouts onramp: sockets closed because their websocket handshake was not
   *     complete handshake_timeout_ms after they were accepted
   * @param pendingHandshakesEvicted onramp: sockets still in their handshake closed to make room
   *     for a newer one (max_pending_handshakes)
   * @param acceptsThrottled onramp: sockets closed right after accept because they came faster than
   *     max_accepts_per_second
   * @param compressedConnections connections that negotiated permessage-deflate
   */
  public record Snapshot(
      long connectionsOpened,
      long connectionsClosed,
      long connectionsRejected,
      long reconnects,
      long connectFailures,
      long replyTimeouts,
      long pingsSent,
      long pongsMissed,
      long idleTimeouts,
      long slowReaderCloses,
      long sendersHeld,
      long repliesDropped,
      Map<Integer, Long> closesByCode,
      long upstreamReadPauses,
      long replyOverflowCloses,
      long budgetCloses,
      long handshakeTimeouts,
      long pendingHandshakesEvicted,
      long acceptsThrottled,
      long compressedConnections) {

    /** Connections open right now. */
    public long connectionsOpen() {
      return connectionsOpened - connectionsClosed;
    }
  }

  public Snapshot snapshot() {
    ConnectionMetrics.Snapshot c = connections.snapshot();
    Map<Integer, Long> codes = new TreeMap<>();
    closesByCode.forEach((code, n) -> codes.put(code, n.sum()));
    return new Snapshot(
        c.opened(),
        c.closed(),
        c.rejected(),
        reconnects.sum(),
        connectFailures.sum(),
        replyTimeouts.sum(),
        pingsSent.sum(),
        pongsMissed.sum(),
        idleTimeouts.sum(),
        slowReaderCloses.sum(),
        sendersHeld.sum(),
        repliesDropped.sum(),
        Map.copyOf(codes),
        upstreamReadPauses.sum(),
        replyOverflowCloses.sum(),
        budgetCloses.sum(),
        handshakeTimeouts.sum(),
        c.pendingHandshakesEvicted(),
        c.acceptsThrottled(),
        compressedConnections.sum());
  }

  /**
   * Writes the counters for Prometheus: the connections ({@link ConnectionMetrics#report}, protocol
   * {@code ws}), close frames by code, then the websocket counters that apply to {@code side}.
   */
  void report(MetricsReport r, Side side) {
    connections.report(r, "ws");
    closesByCode.forEach(
        (code, n) ->
            r.counter(
                "quiver_ws_close_frames",
                "Websocket close frames sent or received, by close code",
                n.sum(),
                "code",
                Integer.toString(code)));
    r.counter("quiver_ws_pings_sent", "Keepalive pings sent", pingsSent.sum());
    r.counter(
        "quiver_ws_pongs_missed",
        "Connections closed because no pong arrived in time",
        pongsMissed.sum());
    r.counter(
        "quiver_ws_compressed_connections",
        "Connections that negotiated permessage-deflate",
        compressedConnections.sum());
    switch (side) {
      case ONRAMP -> {
        r.counter(
            "quiver_ws_idle_timeouts", "Clients closed by idle_timeout_ms", idleTimeouts.sum());
        r.counter(
            "quiver_ws_slow_reader_closes",
            "Clients closed because they did not read their replies",
            slowReaderCloses.sum());
        r.counter(
            "quiver_ws_reply_overflow_closes",
            "Clients closed (1008) because replies kept coming while their reply queue was full",
            replyOverflowCloses.sum());
        r.counter(
            "quiver_ws_reply_budget_closes",
            "Clients closed (1008) because all clients together held more reply bytes than the"
                + " reply memory budget",
            budgetCloses.sum());
        r.counter(
            "quiver_ws_handshake_timeouts",
            "Sockets closed because their handshake was not complete in handshake_timeout_ms",
            handshakeTimeouts.sum());
      }
      case OFFRAMP -> {
        r.counter(
            "quiver_upstream_reconnects",
            "Connection attempts to an upstream after a lost or failed connection",
            reconnects.sum());
        r.counter(
            "quiver_upstream_connect_failures",
            "Connection attempts to an upstream that failed",
            connectFailures.sum());
        r.counter(
            "quiver_reply_timeouts",
            "Requests answered with a reply timeout error",
            replyTimeouts.sum());
        r.counter(
            "quiver_ws_senders_held",
            "Times a client was not read because its upstream session had max_in_flight events"
                + " in flight",
            sendersHeld.sum());
        r.counter(
            "quiver_ws_replies_dropped",
            "Upstream messages dropped because they answered no waiting request",
            repliesDropped.sum());
        r.counter(
            "quiver_ws_upstream_read_pauses",
            "Times an upstream session stopped reading because its client's reply queue was full",
            upstreamReadPauses.sum());
      }
    }
  }

  /** Which side of the proxy the counters belong to (what {@link #report} writes). */
  enum Side {
    ONRAMP,
    OFFRAMP
  }

  /** The protocol-independent part: connections opened, closed, refused, throttled, evicted. */
  ConnectionMetrics connections() {
    return connections;
  }

  void connectionOpened() {
    connections.opened();
  }

  void connectionClosed() {
    connections.closed();
  }

  void connectionRejected() {
    connections.rejected();
  }

  void reconnect() {
    reconnects.increment();
  }

  void connectFailed() {
    connectFailures.increment();
  }

  void senderHeld() {
    sendersHeld.increment();
  }

  void replyDropped() {
    repliesDropped.increment();
  }

  void upstreamReadsPaused() {
    upstreamReadPauses.increment();
  }

  void replyOverflowClosed() {
    replyOverflowCloses.increment();
  }

  void budgetClosed() {
    budgetCloses.increment();
  }

  void replyTimedOut() {
    replyTimeouts.increment();
  }

  void pingSent() {
    pingsSent.increment();
  }

  void pongMissed() {
    pongsMissed.increment();
  }

  void idleTimeout() {
    idleTimeouts.increment();
  }

  void slowReaderClosed() {
    slowReaderCloses.increment();
  }

  void handshakeTimedOut() {
    handshakeTimeouts.increment();
  }

  void pendingHandshakeEvicted() {
    connections.pendingHandshakeEvicted();
  }

  void compressedConnection() {
    compressedConnections.increment();
  }

  void closeCode(int code) {
    closesByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
  }
}
