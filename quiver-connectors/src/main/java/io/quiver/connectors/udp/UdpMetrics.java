package io.quiver.connectors.udp;

import io.quiver.spi.metrics.MetricsReport;
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

  /** Writes the counters for Prometheus ({@code quiver_udp_*}). */
  void report(MetricsReport report) {
    report.counter(
        "quiver_udp_datagrams",
        "Datagrams a udp onramp received or a udp offramp sent",
        datagrams());
    report.counter(
        "quiver_udp_datagrams_oversized",
        "Datagrams a udp onramp dropped for being larger than max_datagram_size",
        oversized());
    report.counter(
        "quiver_udp_send_failures", "Datagrams a udp offramp could not send", sendFailures());
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
