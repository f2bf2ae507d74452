package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ScriptException;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTest {

  private static Event event(long n, long ingestNs) {
    return new Event(new EventId(0, 0, n), ingestNs, Value.of(n), Value.EMPTY_OBJECT, 0);
  }

  private static List<String> send(Pipeline p, Event e) {
    List<String> out = new ArrayList<>();
    p.onEvent("in", e, (port, ev) -> out.add(port + " " + Json.writeSorted(ev.data())));
    return out;
  }

  private static List<String> tick(Pipeline p, long nowNs) {
    List<String> out = new ArrayList<>();
    p.onSignal(
        new Signal.Tick(nowNs), (port, ev) -> out.add(port + " " + Json.writeSorted(ev.data())));
    return out;
  }

  @Test
  void aTickClosesATimeWindowWhoseIntervalHasPassed() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define tumbling window second with interval = 1000000000 end;
        select {"n": aggr::stats::count(), "values": aggr::win::collect_flattened(event)}
        from in[second] into out;
        """,
                "w.trickle",
                "w")
            .instantiate();

    assertThat(send(p, event(1, 1_000))).isEmpty();
    assertThat(send(p, event(2, 2_000))).isEmpty();
    assertThat(tick(p, 500_000_000)).isEmpty();

    assertThat(tick(p, 1_000_001_000)).containsExactly("out {\"n\":2,\"values\":[1,2]}");
    assertThat(tick(p, 1_500_000_000)).isEmpty();
  }

  @Test
  void groupByExpressionsInAWindowedTargetReadTheGroupSoATickCanEmitThem() throws Exception {
    // Tremor rewrites them to group[i] (window_timeout, window_target_rewrite): a tick has no event
    Pipeline p =
        PipelineCompiler.compile(
                """
        define tumbling window second with interval = 1000 end;
        select {"v": event, "odd": not (event % 2 == 0), "n": aggr::stats::count()}
        from in[second] group by set(event, not (event % 2 == 0)) into out;
        """,
                "g.trickle", "g")
            .instantiate();

    send(p, event(3, 1));
    send(p, event(4, 2));

    assertThat(tick(p, 2_000))
        .containsExactly(
            "out {\"n\":1,\"odd\":true,\"v\":3}", "out {\"n\":1,\"odd\":false,\"v\":4}");
  }

  @Test
  void aWindowWhoseTargetFailsOnATickIsLoggedAndTheNextWindowsStillClose() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define tumbling window second with interval = 1000 end;
        select {"n": aggr::stats::count(), "odd": window + aggr::stats::count()}
        from in[second] into out;
        """,
                "f.trickle",
                "f")
            .instantiate();

    send(p, event(1, 1));
    assertThat(tick(p, 2_000)).isEmpty();
    send(p, event(2, 2_500));
    assertThat(tick(p, 4_000)).isEmpty();
  }

  @Test
  void emptyWindowsAreOnlyEmittedWhenAskedFor() throws Exception {
    String query =
        """
        define tumbling window second with interval = 100, emit_empty_windows = %s end;
        select aggr::stats::count() from in[second] into out;
        """;
    Pipeline quiet =
        PipelineCompiler.compile(query.formatted("false"), "q.trickle", "q").instantiate();
    Pipeline loud =
        PipelineCompiler.compile(query.formatted("true"), "l.trickle", "l").instantiate();
    send(quiet, event(1, 0));
    send(loud, event(1, 0));
    tick(quiet, 100);
    tick(loud, 100);

    assertThat(tick(quiet, 200)).isEmpty();
    assertThat(tick(loud, 200)).containsExactly("out 0");
  }

  @Test
  void sizeWindowsIgnoreTicksAndEmitPerGroup() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define tumbling window two with size = 2 end;
        select {"g": group[0], "sum": aggr::stats::sum(event.v)} from in[two]
        group by event.g into out;
        """,
                "s.trickle",
                "s")
            .instantiate();
    List<String> out = new ArrayList<>();
    long i = 0;
    for (String json :
        List.of("{\"g\":\"a\",\"v\":1}", "{\"g\":\"b\",\"v\":5}", "{\"g\":\"a\",\"v\":2}")) {
      Event e = new Event(new EventId(0, 0, i), i++, Json.parse(json), Value.EMPTY_OBJECT, 0);
      p.onEvent("in", e, (port, ev) -> out.add(Json.writeSorted(ev.data())));
    }

    assertThat(out).containsExactly("{\"g\":\"a\",\"sum\":3.0}");
    assertThat(tick(p, 1_000_000_000_000L)).isEmpty();
  }

  @Test
  void maxGroupsDropsEventsOfNewGroupsOnceFull() throws Exception {
    Pipeline p =
        PipelineCompiler.compile(
                """
        define tumbling window two with size = 2, max_groups = 1 end;
        select {"g": group[0], "n": aggr::stats::count()} from in[two]
        group by event into out;
        """,
                "m.trickle",
                "m")
            .instantiate();

    send(p, event(1, 0));
    assertThat(send(p, event(2, 1)))
        .containsExactly(
            "err {\"error\":\"Maxmimum amount of groups reached (1). Ignoring group [2]\",\"event\":2}");
    assertThat(send(p, event(1, 2))).containsExactly("out {\"g\":1,\"n\":2}");
  }

  @Test
  void evictionPeriodForgetsGroupsUntouchedForTwoPeriods() throws Exception {
    String query =
        """
        define tumbling window two with size = 2%s end;
        select {"g": group[0], "n": aggr::stats::count()} from in[two]
        group by event into out;
        """;
    Pipeline evicting =
        PipelineCompiler.compile(query.formatted(", eviction_period = 10"), "e.trickle", "e")
            .instantiate();
    Pipeline keeping =
        PipelineCompiler.compile(query.formatted(""), "k.trickle", "k").instantiate();

    for (Pipeline p : List.of(evicting, keeping)) {
      send(p, event(1, 0)); // group 1 opens, one event in
      send(p, event(2, 11)); // first period over: group 1 moves to the older generation
      send(p, event(3, 22)); // second period over: the older generation is dropped
    }

    assertThat(send(evicting, event(1, 23))).isEmpty();
    assertThat(send(keeping, event(1, 23))).containsExactly("out {\"g\":1,\"n\":2}");
    assertThat(send(evicting, event(1, 24))).containsExactly("out {\"g\":1,\"n\":2}");
  }

  @Test
  void windowsNeedExactlyOneOfSizeAndInterval() {
    assertThatThrownBy(
            () ->
                PipelineCompiler.compile(
                    """
        define tumbling window w with size = 1, interval = 1 end;
        select aggr::stats::count() from in[w] into out;
        """,
                    "b.trickle",
                    "b"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e ->
                assertThat(e.problem())
                    .isEqualTo(
                        "Bad window configuration, only one of `size` or `interval` is allowed."));
    assertThatThrownBy(
            () ->
                PipelineCompiler.compile(
                    """
        define tumbling window w with max_groups = 1 end;
        select aggr::stats::count() from in[w] into out;
        """,
                    "b.trickle",
                    "b"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e ->
                assertThat(e.problem())
                    .isEqualTo(
                        "Bad window configuration, either `size` or `interval` is required."));
  }

  @Test
  void aSlidingWindowIsRefusedAtPipelineCreationAsInTremor() {
    assertThatThrownBy(
            () ->
                PipelineCompiler.compile(
                    """
        define sliding window w with size = 2 end;
        select aggr::stats::count() from in into out;
        """,
                    "s.trickle",
                    "s"))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("Sliding windows are not yet implemented");
              assertThat(e.getMessage()).contains("1 | define sliding window w with size = 2 end;");
            });
  }
}
