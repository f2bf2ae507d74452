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
 * @param answers with {@code --verify}: the accounting of every request, else null
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
    long receivedTotal,
    Answers answers) {

  public WsLoadResult(
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
    this(
        received,
        seconds,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        errors,
        connected,
        receivedTotal,
        null);
  }

  /**
   * What became of every request of a verifying run: {@code sent = echoes + errorAnswers +
   * wrongAnswers + lost}.
   *
   * @param sent requests sent over the whole run
   * @param echoes answered with the exact echo
   * @param errorAnswers answered with an error record ({"error":...})
   * @param wrongAnswers answered with something else carrying the request's number
   * @param lost no answer when the connection closed or when the drain ended
   * @param unexpected messages that answered no outstanding request (a duplicate, a stray reply)
   * @param closedByServer connections the server closed during the run
   * @param connectFailures connection attempts that failed (refused, HTTP error, handshake timeout)
   * @param reconnects replacement connections opened during the run
   * @param longestWaitMs the oldest unanswered request's age when the drain ended (0 when none)
   */
  public record Answers(
      long sent,
      long echoes,
      long errorAnswers,
      long wrongAnswers,
      long lost,
      long unexpected,
      long closedByServer,
      long connectFailures,
      long reconnects,
      long longestWaitMs) {

    String report() {
      return String.format(
          Locale.ROOT,
          "requests    sent %d  echoes %d  error answers %d  wrong answers %d  lost %d%n"
              + "unexpected  %d%n"
              + "connections closed by server %d  connect failures %d  reconnects %d%n"
              + "verify: sent=%d echoes=%d error_answers=%d wrong_answers=%d lost=%d unexpected=%d"
              + " closed_by_server=%d connect_failures=%d reconnects=%d longest_wait_ms=%d%n",
          sent,
          echoes,
          errorAnswers,
          wrongAnswers,
          lost,
          unexpected,
          closedByServer,
          connectFailures,
          reconnects,
          sent,
          echoes,
          errorAnswers,
          wrongAnswers,
          lost,
          unexpected,
          closedByServer,
          connectFailures,
          reconnects,
          longestWaitMs);
    }
  }

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
            msgsPerSecond(),
            p50Us,
            p90Us,
            p99Us,
            p999Us,
            maxUs,
            errors,
            connected,
            msgsPerSecond(),
            p50Us,
            p90Us,
            p99Us,
            p999Us,
            maxUs,
            errors,
            received,
            connected,
            receivedTotal)
        + (answers == null ? "" : answers.report());
  }
}
