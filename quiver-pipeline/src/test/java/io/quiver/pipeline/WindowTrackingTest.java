package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A window's event stands for the transactional events the window aggregated (Tremor's tracked
 * group ids), so an ack of it reaches the highest and a fail the lowest of them at their source.
 */
class WindowTrackingTest {
  private static final long SOURCE = 5;

  private static Event event(long n, String data, boolean transactional) throws Exception {
    return new Event(
        new EventId(SOURCE, 0, n),
        n * 1_000,
        Json.parse(data),
        Value.EMPTY_OBJECT,
        0,
        transactional ? Transit.NONE.withTransactional(true) : Transit.NONE);
  }

  private static Pipeline pipeline(String query) throws Exception {
    return PipelineCompiler.compile(query, "w.trickle", "w").instantiate();
  }

  private static List<Event> send(Pipeline p, Event e) {
    List<Event> out = new ArrayList<>();
    p.onEvent("in", e, (port, ev) -> out.add(ev));
    return out;
  }

  /** "data min..max transactional" of an event, as its source sees it. */
  private static String seen(Event e) {
    Transit t = e.transit();
    return Json.writeSorted(e.data())
        + " "
        + t.minBySource(e.id(), SOURCE)
        + ".."
        + t.maxBySource(e.id(), SOURCE)
        + (e.transactional() ? " transactional" : "");
  }

  @Test
  void aGroupedSizeWindowAnswersForEveryEventItAggregated() throws Exception {
    // Tremor's select-window-gd integration case
    Pipeline p =
        pipeline(
            """
            define tumbling window my_window with size = 2 end;
            select aggr::win::last(event) from in[my_window] group by event.cb into out;
            """);
    assertThat(send(p, event(1, "{\"cb\":\"fail\"}", true))).isEmpty();
    assertThat(send(p, event(2, "{\"cb\":\"ack\"}", true))).isEmpty();
    assertThat(send(p, event(3, "{\"cb\":\"fail\"}", true)).stream().map(e -> seen(e)))
        .containsExactly("{\"cb\":\"fail\"} 1..3 transactional");
    assertThat(send(p, event(4, "{\"cb\":\"ack\"}", true)).stream().map(e -> seen(e)))
        .containsExactly("{\"cb\":\"ack\"} 2..4 transactional");
    // the next window starts empty
    send(p, event(5, "{\"cb\":\"ack\"}", true));
    assertThat(send(p, event(6, "{\"cb\":\"ack\"}", true)).stream().map(e -> seen(e)))
        .containsExactly("{\"cb\":\"ack\"} 5..6 transactional");
  }

  @Test
  void everyEventIsTrackedButOnlyATransactionalOneMakesTheWindowTransactional() throws Exception {
    // as Tremor's group.id.track(&event.id) (select.rs): a linked reply aggregated by a window
    // still names its request
    Pipeline p =
        pipeline(
            """
            define tumbling window two with size = 2 end;
            select aggr::stats::count() from in[two] into out;
            """);
    send(p, event(1, "1", false));
    List<Event> plain = send(p, event(2, "2", false));
    assertThat(plain).hasSize(1);
    assertThat(plain.get(0).transactional()).isFalse();
    assertThat(plain.get(0).transit().tracked())
        .containsExactly(new Transit.TrackedIds(SOURCE, 0, 1, 2));

    send(p, event(3, "3", true));
    List<Event> mixed = send(p, event(4, "4", false));
    assertThat(mixed.stream().map(e -> seen(e))).containsExactly("2 3..4 transactional");
  }

  @Test
  void aTimeWindowClosedByATickCarriesItsEvents() throws Exception {
    Pipeline p =
        pipeline(
            """
            define tumbling window second with interval = 1000000000 end;
            select aggr::stats::count() from in[second] into out;
            """);
    send(p, event(7, "7", true));
    send(p, event(8, "8", true));
    List<Event> out = new ArrayList<>();
    p.onSignal(new Signal.Tick(2_000_000_000L), (port, ev) -> out.add(ev));
    assertThat(out.stream().map(e -> seen(e))).containsExactly("2 7..8 transactional");
  }

  @Test
  void aTimeWindowClosedByAnEventDoesNotAnswerForThatEvent() throws Exception {
    Pipeline p =
        pipeline(
            """
            define tumbling window second with interval = 1000000 end;
            select aggr::stats::count() from in[second] into out;
            """);
    send(p, event(1, "1", true));
    send(p, event(2, "2", true));
    // event 2000 comes after the interval: it closes the window but belongs to the next one
    List<Event> out = send(p, event(2000, "2000", true));
    assertThat(out.stream().map(e -> seen(e))).containsExactly("2 1..2 transactional");
  }

  @Test
  void aTiltFramesSecondWindowAnswersForEverythingHandedUpToIt() throws Exception {
    Pipeline p =
        pipeline(
            """
            define tumbling window two with size = 2 end;
            define tumbling window four with size = 2 end;
            select {"w": window, "n": aggr::stats::count()} from in[two, four] into out;
            """);
    List<String> seen = new ArrayList<>();
    for (long n = 1; n <= 6; n++) {
      send(p, event(n, Long.toString(n), true)).forEach(e -> seen.add(seen(e)));
    }
    assertThat(seen)
        .containsExactly(
            "{\"n\":2,\"w\":\"two\"} 1..2 transactional",
            "{\"n\":2,\"w\":\"two\"} 3..4 transactional",
            "{\"n\":4,\"w\":\"four\"} 1..4 transactional",
            "{\"n\":2,\"w\":\"two\"} 5..6 transactional");
  }
}
