package io.quiver.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The exact text of the bench reports (scripts parse the {@code result:} and verify lines). */
class WsLoadResultTest {
  private static final String NL = System.lineSeparator();

  @Test
  void reportsEveryFigureOnceForPeopleAndOnceAsKeyValuePairs() {
    WsLoadResult r = new WsLoadResult(500, 2, 11.25, 22, 33, 44, 55, 3, 16, 900, null);
    assertThat(r.report())
        .isEqualTo(
            "msgs/s      250.0"
                + NL
                + "latency µs  p50 11.3  p90 22.0  p99 33.0  p99.9 44.0  max 55.0"
                + NL
                + "errors      3"
                + NL
                + "connected   16"
                + NL
                + "result: msgs_per_s=250.0 p50_us=11.3 p90_us=22.0 p99_us=33.0 p999_us=44.0"
                + " max_us=55.0 errors=3 received=500 connected=16 received_total=900"
                + NL);
  }

  @Test
  void aVerifyingRunAppendsTheAccountingOfEveryRequest() {
    WsLoadResult.Answers a = new WsLoadResult.Answers(10, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    WsLoadResult r = new WsLoadResult(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, a);
    assertThat(r.report())
        .endsWith(
            "received_total=0"
                + NL
                + "requests    sent 10  echoes 1  error answers 2  wrong answers 3  lost 4"
                + NL
                + "unexpected  5"
                + NL
                + "connections closed by server 6  connect failures 7  reconnects 8"
                + NL
                + "verify: sent=10 echoes=1 error_answers=2 wrong_answers=3 lost=4 unexpected=5"
                + " closed_by_server=6 connect_failures=7 reconnects=8 longest_wait_ms=9"
                + NL);
    assertThat(r.msgsPerSecond()).isZero();
  }

  @Test
  void aRunWhereNothingConnectedCountsOnlyItsErrors() {
    WsLoadResult r = WsLoadResult.nothingConnected(4);
    assertThat(r).isEqualTo(new WsLoadResult(0, 0, 0, 0, 0, 0, 0, 4, 0, 0, null));
  }

  @Test
  void describesTheRunOnOneLine() {
    URI url = URI.create("ws://127.0.0.1:9/");
    assertThat(
            new WsLoadSettings(url, 4, 2, 100, 1, 2.5, 0, false, 1, false, false, 0, 0).describe())
        .isEqualTo(
            "ws://127.0.0.1:9/ connections=4 in-flight=2 size=100 text closed-loop warmup=1s"
                + " duration=2.5s threads=1");
    assertThat(
            new WsLoadSettings(url, 4, 2, 100, 1, 2, 1000, true, 1, false, true, 50, 3).describe())
        .isEqualTo(
            "ws://127.0.0.1:9/ connections=4 in-flight=2 size=100 binary open-loop rate=1000/s"
                + " warmup=1s duration=2s threads=1 verify reconnect-after=50 drain=3s");
  }
}
