package io.quiver.server.bench;

import java.util.Locale;

/**
 * What a run measured.
 *
 * @param received replies received during the measurement
 * @param seconds length of the measurement
 * @param p50Us latency percentiles in microseconds (from the scheduled send time in open loop)
 * @param errors connection failures, unexpected closes and protocol errors
 * @param connected connections whose handshake completed
 * @param receivedTotal replies received over the whole run, warm-up included (to divide by the CPU
 *     time the servers spent during the run)
 */
public record WsLoadResult(
    long received,
    double seconds,
    double p50Us,
    double p90Us,
    double p99Us,
    double p999Us,
    double maxUs,
    long errors,
    int connected,
    long receivedTotal) {

  public double msgsPerSecond() {
    return seconds <= 0 ? 0 : received / seconds;
  }

  /** The human-readable report. */
  public String report() {
    return String.format(
        Locale.ROOT,
        "msgs/s      %.1f%n"
            + "latency µs  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n"
            + "errors      %d%n"
            + "connected   %d%n"
            + "result: msgs_per_s=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f"
            + " errors=%d received=%d connected=%d received_total=%d%n",
        msgsPerSecond(), p50Us, p90Us, p99Us, p999Us, maxUs, errors, connected,
        msgsPerSecond(), p50Us, p90Us, p99Us, p999Us, maxUs, errors, received, connected, receivedTotal);
  }
}
