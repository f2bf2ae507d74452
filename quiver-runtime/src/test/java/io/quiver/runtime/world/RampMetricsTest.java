package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.TremorUrl;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tremor's ramp reporter: when reports go out, what they count, what they look like. */
class RampMetricsTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_600_000_000L * S;
  private final List<Event> sent = new ArrayList<>();

  private RampMetrics metrics(long intervalS) {
    return RampMetrics.of(intervalS, TremorUrl.parse("/onramp/in/01/out"), sent::add);
  }

  private List<String> lines() {
    return sent.stream().map(e -> Json.write(e.data())).toList();
  }

  private static String line(String port, long count, long ns) {
    return "{\"measurement\":\"ramp_events\",\"tags\":{\"ramp\":\"tremor://localhost/onramp/in/01/out\","
        + "\"port\":\""
        + port
        + "\"},\"fields\":{\"count\":"
        + count
        + "},\"timestamp\":"
        + ns
        + "}";
  }

  @Test
  void theFirstEventReportsZerosThenOneReportPerIntervalOfEventTime() {
    RampMetrics m = metrics(3);
    for (int i = 0; i < 7; i++) {
      long ns = T0 + i * S;
      m.reportIfDue(ns);
      m.countOut();
    }
    // at T0 (nothing counted yet) and at T0 + 3 s (>=: the interval reached is enough), T0 + 6 s
    assertThat(lines())
        .containsExactly(
            line("in", 0, T0),
            line("out", 0, T0),
            line("error", 0, T0),
            line("in", 0, T0 + 3 * S),
            line("out", 3, T0 + 3 * S),
            line("error", 0, T0 + 3 * S),
            line("in", 0, T0 + 6 * S),
            line("out", 6, T0 + 6 * S),
            line("error", 0, T0 + 6 * S));
    assertThat(sent)
        .allSatisfy(
            e ->
                assertThat(((Value.Obj) e.data()).get("timestamp"))
                    .isEqualTo(Value.of(e.ingestNs())));
  }

  @Test
  void countsAreCumulativePerPort() {
    RampMetrics m = metrics(1);
    m.reportIfDue(T0);
    m.countIn();
    m.countIn();
    m.countOut();
    m.countError();
    sent.clear();
    m.reportIfDue(T0 + S);

    assertThat(lines())
        .containsExactly(line("in", 2, T0 + S), line("out", 1, T0 + S), line("error", 1, T0 + S));
  }

  @Test
  void anOlderEventDoesNotReport() {
    RampMetrics m = metrics(1);
    m.reportIfDue(T0);
    sent.clear();
    m.reportIfDue(T0 - 5 * S);
    m.reportIfDue(T0 + S - 1);

    assertThat(sent).isEmpty();
  }

  @Test
  void intervalZeroReportsOnEveryEventButNotTwiceForOneTimestamp() {
    RampMetrics m = metrics(0);
    m.reportIfDue(T0);
    m.reportIfDue(T0);
    m.reportIfDue(T0 + 1);

    assertThat(sent).hasSize(6);
  }

  @Test
  void noIntervalNoMetrics() {
    assertThat(RampMetrics.of(null, TremorUrl.parse("/onramp/in/01/out"), sent::add)).isNull();
  }
}
