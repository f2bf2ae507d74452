package io.quiver.connectors.udp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Monotonic counters of a udp onramp or offramp, readable while it runs (tests, future metrics
 * ports): datagrams taken or sent, datagrams dropped for being larger than {@code
 * max_datagram_size}, sends that failed.
 */
public final class UdpMetrics {
  private final LongAdder datagrams = new LongAdder();
  private final LongAdder oversized = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();

  void received() {
    datagrams.increment();
  }

  void datagrams(int n) {
    datagrams.add(n);
  }

  void droppedOversized() {
    oversized.increment();
  }

  void sendFailed() {
    sendFailures.increment();
  }

  /** Datagrams received (onramp: handed to the codec) or sent (offramp). */
  public long datagrams() {
    return datagrams.sum();
  }

  /** Datagrams the onramp dropped because they were larger than {@code max_datagram_size}. */
  public long oversized() {
    return oversized.sum();
  }

  /** Datagrams the offramp could not send. */
  public long sendFailures() {
    return sendFailures.sum();
  }
}
