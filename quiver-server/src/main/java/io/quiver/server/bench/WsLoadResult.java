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

  /** A run that ended before any connection was ready: only its errors count. */
  static WsLoadResult nothingConnected(long errors) {
    return new WsLoadResult(0, 0, 0, 0, 0, 0, 0, errors, 0, 0, null);
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
          "requests    sent %1$d  echoes %2$d  error answers %3$d  wrong answers %4$d  lost %5$d%n"
              + "unexpected  %6$d%n"
              + "connections closed by server %7$d  connect failures %8$d  reconnects %9$d%n"
              + "verify: sent=%1$d echoes=%2$d error_answers=%3$d wrong_answers=%4$d lost=%5$d"
              + " unexpected=%6$d closed_by_server=%7$d connect_failures=%8$d reconnects=%9$d"
              + " longest_wait_ms=%10$d%n",
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

  /** The human-readable report, then the same figures as {@code key=value} pairs for scripts. */
  public String report() {
    return String.format(
            Locale.ROOT,
            "msgs/s      %1$.1f%n"
                + "latency µs  p50 %2$.1f  p90 %3$.1f  p99 %4$.1f  p99.9 %5$.1f  max %6$.1f%n"
                + "errors      %7$d%n"
                + "connected   %8$d%n"
                + "result: msgs_per_s=%1$.1f p50_us=%2$.1f p90_us=%3$.1f p99_us=%4$.1f"
                + " p999_us=%5$.1f max_us=%6$.1f errors=%7$d received=%9$d connected=%8$d"
                + " received_total=%10$d%n",
            msgsPerSecond(),
            p50Us,
            p90Us,
            p99Us,
            p999Us,
            maxUs,
            errors,
            connected,
            received,
            receivedTotal)
        + (answers == null ? "" : answers.report());
  }
}
