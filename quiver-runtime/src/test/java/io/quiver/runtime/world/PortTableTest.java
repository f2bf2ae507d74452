package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Ports;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Links added and taken away while events flow: copy-on-write, never a half-changed table. */
class PortTableTest {
  private static final class Recording implements Pipeline {
    final List<Value> seen = new ArrayList<>();

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public void onEvent(String port, Event event, Emitter out) {
      seen.add(event.data());
    }

    final List<Signal> signals = new ArrayList<>();

    @Override
    public void onSignal(Signal signal, Emitter out) {
      signals.add(signal);
    }
  }

  private static Event event(long n) {
    return new Event(new EventId(1, 0, n), 0, Value.of(n), Value.EMPTY_OBJECT, 0);
  }

  @Test
  void aDisconnectedDestinationGetsNothingMoreAndTheOthersGoOn() {
    Recording a = new Recording();
    Recording b = new Recording();
    Destination toA =
        new Destination.ToPipeline(new PipelineRunner(TremorUrl.parse("/pipeline/a/1"), a), "in");
    Destination toB =
        new Destination.ToPipeline(new PipelineRunner(TremorUrl.parse("/pipeline/b/1"), b), "in");
    PortTable table = new PortTable();
    table.connect("out", toA);
    table.connect("out", toB);
    table.connect("out", toB); // once only
    assertThat(table.destinations("out")).containsExactly(toA, toB);

    table.send("out", event(1));
    table.disconnect("out", toB);
    table.send("out", event(2));
    table.disconnect("out", toA);

    assertThat(a.seen).containsExactly(Value.of(1L), Value.of(2L));
    assertThat(b.seen).containsExactly(Value.of(1L));
    assertThat(table.isConnected("out")).isFalse();
    assertThat(table.send("out", event(3))).isFalse();
    table.disconnect("nowhere", toA); // harmless
  }

  @Test
  void aDestinationListHandedOutIsNeverChangedByLaterLinks() {
    Destination toA =
        new Destination.ToPipeline(
            new PipelineRunner(TremorUrl.parse("/pipeline/a/1"), new Recording()), "in");
    PortTable table = new PortTable();
    table.connect("out", toA);
    List<Destination> before = table.destinations("out");
    table.disconnect("out", toA);
    assertThat(before).containsExactly(toA);
  }

  @Test
  void aSignalReachesTheDestinationsOfEveryPortAsTheyAreLinkedNow() {
    Recording a = new Recording();
    Recording b = new Recording();
    Destination toA =
        new Destination.ToPipeline(new PipelineRunner(TremorUrl.parse("/pipeline/a/1"), a), "in");
    Destination toB =
        new Destination.ToPipeline(new PipelineRunner(TremorUrl.parse("/pipeline/b/1"), b), "in");
    PortTable table = new PortTable();
    table.signalAll(new Signal.StreamEnded(1, 1), 4); // nothing linked: nothing to do
    table.connect("out", toA);
    table.connect("err", toB);
    table.signalAll(new Signal.StreamEnded(1, 2), 4);
    table.disconnect("err", toB);
    table.signalAll(new Signal.StreamEnded(1, 3), 4);
    table.connect("out", toB);
    table.signalAll(new Signal.StreamEnded(1, 4), 4);

    assertThat(a.signals)
        .containsExactly(
            new Signal.StreamEnded(1, 2),
            new Signal.StreamEnded(1, 3),
            new Signal.StreamEnded(1, 4));
    assertThat(b.signals)
        .containsExactly(new Signal.StreamEnded(1, 2), new Signal.StreamEnded(1, 4));
  }

  @Test
  void outNamedByAnyEqualStringReachesTheSameLinksAsTheyChange() {
    Recording a = new Recording();
    Destination toA =
        new Destination.ToPipeline(new PipelineRunner(TremorUrl.parse("/pipeline/a/1"), a), "in");
    String outByValue = new String(new char[] {'o', 'u', 't'}); // equal to "out", not the same
    PortTable table = new PortTable();
    assertThat(table.send(Ports.OUT, event(0))).isFalse();
    table.connect(outByValue, toA);
    assertThat(table.send(Ports.OUT, event(1))).isTrue();
    assertThat(table.send(outByValue, event(2))).isTrue();
    List<Long> sent = new ArrayList<>();
    table.forEachSent((port, n) -> sent.add(n));
    table.disconnect(Ports.OUT, toA);

    assertThat(table.send(Ports.OUT, event(3))).isFalse();
    assertThat(a.seen).containsExactly(Value.of(1L), Value.of(2L));
    assertThat(sent).containsExactly(2L);
  }
}
