package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ScriptException;
import io.quiver.spi.Insight;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Insights travelling backwards through a compiled pipeline, and operator config validation. */
class ContraflowTest {
  static final long MS = 1_000_000L;

  /** Records a pipeline's output events and the insights it sends upstream. */
  static final class Recorder implements Emitter {
    final List<PipelineTest.Emitted> events = new ArrayList<>();
    final List<Insight> insights = new ArrayList<>();

    @Override
    public void emit(String port, Event event) {
      events.add(new PipelineTest.Emitted(port, event));
    }

    @Override
    public void insight(Insight insight) {
      insights.add(insight);
    }

    List<String> ports() {
      return events.stream().map(PipelineTest.Emitted::port).toList();
    }
  }

  static Event event(long n, long ingestNs) {
    return new Event(new EventId(1, 0, n), ingestNs, Value.of(n), Value.EMPTY_OBJECT, 0);
  }

  static GraphPipeline compile(String query) throws ScriptException {
    return (GraphPipeline) PipelineCompiler.compile(query, "q.trickle", "q").instantiate();
  }

  @Test
  void aFailComingBackMakesBackpressureDivertToOverflowAndLeavesThePipeline() throws Exception {
    GraphPipeline p =
        compile(
            """
        define qos::backpressure operator bp with timeout = 100, steps = [10] end;
        create operator bp;
        select event from in into bp;
        select event from bp/out into out;
        select event from bp/overflow into out/overflow;
        """);
    Recorder r = new Recorder();
    p.onEvent("in", event(1, 1 * MS), r);
    Event sent = r.events.get(0).event();
    assertThat(r.ports()).containsExactly("out");
    assertThat(sent.transactional()).isTrue();
    // the pipeline stamps its own uid, so acks and fails for it come back to this instance
    assertThat(sent.transit().hasOpMeta(p.uid())).isTrue();
    assertThat(sent.transit().hasOpMeta(p.operatorUid("bp"))).isTrue();

    p.onContraflow(Insight.fail(sent), r);

    assertThat(r.insights).extracting(Insight::kind).containsExactly(Insight.Kind.FAIL);
    p.onEvent("in", event(2, 5 * MS), r);
    p.onEvent("in", event(3, 11 * MS), r);
    assertThat(r.ports()).containsExactly("out", "overflow", "out");
  }

  @Test
  void roundRobinOverBackpressureWithCircuitBreakerSkipsTheFailingOutputUntilItRecovers()
      throws Exception {
    GraphPipeline p =
        compile(
            """
        define qos::roundrobin operator rr with outputs = ["a", "b"] end;
        define qos::backpressure operator bp with timeout = 100, steps = [10], circuit_breaker = true end;
        create operator rr;
        create operator bpa from bp;
        create operator bpb from bp;
        select event from in into rr;
        select event from rr/a into bpa;
        select event from rr/b into bpb;
        select event from bpa/out into out/a;
        select event from bpb/out into out/b;
        """);
    Recorder r = new Recorder();
    p.onEvent("in", event(1, 0), r);
    p.onEvent("in", event(2, 0), r);
    assertThat(r.ports()).containsExactly("a", "b");
    Event viaA = r.events.get(0).event();

    // a fails: bpa turns it into a circuit break, rr closes output a; b stays open, so nothing
    // goes upstream
    p.onContraflow(Insight.fail(viaA), r);
    assertThat(r.insights).isEmpty();
    p.onEvent("in", event(3, 1), r);
    p.onEvent("in", event(4, 2), r);
    assertThat(r.ports()).containsExactly("a", "b", "b", "b");

    // after bpa's backoff the next tick restores a
    p.onSignal(new Signal.Tick(10 * MS), r);
    p.onEvent("in", event(5, 11 * MS), r);
    p.onEvent("in", event(6, 12 * MS), r);
    assertThat(r.ports()).containsExactly("a", "b", "b", "b", "a", "b");
  }

  @Test
  void insightsMadeByAnOperatorOnlyReachTheOperatorsBeforeItInContraflowOrder() throws Exception {
    // wal acks upstream at once; the backpressure in front of it sees the ack and stays open,
    // the backpressure behind it (created later) never sees that ack
    GraphPipeline p =
        compile(
            """
        define qos::backpressure operator bp with timeout = 100 end;
        define qos::wal operator wal with read_count = 10, max_elements = 100 end;
        create operator front from bp;
        create operator wal;
        create operator back from bp;
        select event from in into front;
        select event from front into wal;
        select event from wal into back;
        select event from back into out;
        """);
    Recorder r = new Recorder();
    p.onEvent("in", event(1, 0), r);

    // the wal has not been told the circuit is restored yet: nothing out, the ack went upstream
    assertThat(r.events).isEmpty();
    assertThat(r.insights).extracting(Insight::kind).containsExactly(Insight.Kind.ACK);
    assertThat(r.insights.get(0).id()).isEqualTo(new EventId(1, 0, 1));

    p.onContraflow(Insight.circuitRestored(0), r);
    assertThat(r.insights).hasSize(1); // the wal consumes circuit changes
    p.onSignal(new Signal.Tick(1), r);
    assertThat(r.ports()).containsExactly("out");
    Event sent = r.events.get(0).event();
    assertThat(sent.id().source()).isEqualTo(p.operatorUid("wal"));

    // a fail for the sent event: back backs off, the wal replays it on the next tick
    p.onContraflow(Insight.fail(sent), r);
    assertThat(((BackpressureOperator) p.operator("back")).backoffNs()).isEqualTo(50 * MS);
    assertThat(((BackpressureOperator) p.operator("front")).backoffNs()).isZero();
    assertThat(r.insights).hasSize(1);
    p.onSignal(new Signal.Tick(2), r);
    // the replay has the old ingest time, within back's backoff: overflow (not linked here)
    assertThat(r.events).hasSize(1);
  }

  @Test
  void batchesFlushOnTicksThroughThePipeline() throws Exception {
    GraphPipeline p =
        compile(
            """
        define generic::batch operator b with count = 3, timeout = 1 end;
        create operator b;
        select event from in into b;
        select event from b into out;
        """);
    Recorder r = new Recorder();
    p.onEvent("in", event(1, 0), r);
    p.onSignal(new Signal.Tick(MS), r);
    assertThat(r.events).isEmpty();
    p.onSignal(new Signal.Tick(MS + 1), r);
    assertThat(r.events).hasSize(1);
    assertThat(r.events.get(0).event().batch()).isTrue();
  }

  @Test
  void operatorConfigProblemsAreReportedAllAtOnce() {
    assertThatThrownBy(
            () ->
                compile(
                    """
        define qos::backpressure operator bp with steps = [1, -2], circuit_breaker = "yes" end;
        create operator bp;
        select event from in into bp;
        """))
        .isInstanceOf(ScriptException.class)
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of qos::backpressure operator `bp`: missing required"
                + " configuration \"timeout\" which has no default value; invalid value [1,-2] for"
                + " configuration steps: steps must not be negative; invalid value \"yes\" for"
                + " configuration circuit_breaker: expected a boolean (true or false)");
  }

  @Test
  void aWalNeedsALimit() {
    assertThatThrownBy(
            () ->
                compile(
                    """
        define qos::wal operator w with read_count = 1 end;
        create operator w;
        """))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of qos::wal operator `w`: WAL operator needs at least one"
                + " of `max_elements` or `max_bytes` config entries.");
  }

  @Test
  void aWalDirThatIsAFileIsAProblemAtCompileTime(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(
            () ->
                compile(
                    """
        define qos::wal operator w with read_count = 1, max_bytes = 100, dir = "%s" end;
        create operator w;
        """
                        .formatted(file.toString().replace("\\", "\\\\"))))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of qos::wal operator `w`: `dir` "
                + file
                + " is a file, not a directory");
  }

  @Test
  void roundRobinNeedsOutputsAndBatchACount() {
    assertThatThrownBy(
            () ->
                compile(
                    """
        define qos::roundrobin operator rr with outputs = [] end;
        create operator rr;
        """))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of qos::roundrobin operator `rr`: invalid value [] for"
                + " configuration outputs: value must not be empty");
    assertThatThrownBy(
            () ->
                compile(
                    """
        define generic::batch operator b with count = 0 end;
        create operator b;
        """))
        .extracting(e -> ((ScriptException) e).problem())
        .isEqualTo(
            "Invalid configuration of generic::batch operator `b`: invalid value 0 for"
                + " configuration count: value must be at least 1");
  }

  @Test
  void unknownOperatorKeysAreAWarningNotAnError() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            """
        define qos::percentile operator p with timeout = 10, colour = "red" end;
        create operator p;
        select event from in into p;
        select event from p into out;
        """,
            "q.trickle",
            "q");
    assertThat(def.warnings()).hasSize(1);
    assertThat(def.warnings().get(0))
        .contains(
            "Unknown configuration key `colour` of qos::percentile operator `p` is ignored (known keys:"
                + " timeout, step_down, step_up)");
  }
}
