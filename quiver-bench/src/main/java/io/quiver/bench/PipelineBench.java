package io.quiver.bench;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.script.ScriptException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event through the ws proxy examples' pipeline, {@code select event from in into out;} (every
 * {@code .trickle} of examples/33_proxies_lt_ws), as the runtime calls it: {@link Pipeline#onEvent}
 * with an emitter. It measures what the pipeline costs per event, and so whether a special path for
 * this bare select pays (compare jars built with and without it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class PipelineBench {

  static final String BARE_SELECT = "select event from in into out;";

  private Pipeline pipeline;
  private Event[] events;
  private int next;
  private Event emitted;
  private final Emitter emitter = (port, event) -> emitted = event;

  @Setup
  public void setup() throws ScriptException {
    pipeline = PipelineCompiler.compile(BARE_SELECT, "pass.trickle", "pass").instantiate();
    events = new Event[256];
    for (int i = 0; i < events.length; i++) {
      events[i] =
          new Event(
              new EventId(1, 0, i), i, Value.of("{\"n\":" + i + "}"), Value.EMPTY_OBJECT, i % 16);
    }
    pipeline.onEvent("in", events[0], emitter);
    if (emitted != events[0]) {
      throw new IllegalStateException("the bare select changed the event: " + emitted);
    }
  }

  /** One event in, the same event out on {@code out}. */
  @Benchmark
  public Event bareSelect() {
    Event e = events[next++ & (events.length - 1)];
    pipeline.onEvent("in", e, emitter);
    return emitted;
  }
}
