package io.quiver.runtime.world;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Insight;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline instance so that it is only ever used by one thread at a time, without locks
 * and without a thread hand-off when uncontended.
 *
 * <p>Submitting threads enqueue work; the thread whose submission finds the queue idle drains it,
 * running the pipeline inline (on a Netty loop this is a short, CPU-only run: pipelines never
 * block). Contending threads return at once after enqueueing, so cycles between pipelines cannot
 * deadlock. Per submitting thread, order is kept.
 *
 * <p>Fast path: a submission that finds the runner idle (nothing queued, nobody draining) claims it
 * and runs its event or insight at once, without a queue entry or work record; what others queue
 * meanwhile is drained after it, insights before events as always.
 */
final class PipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  /** Beyond this many queued items the runner reports itself overloaded (sources pause). */
  static final int HIGH_WATER = 4096;

  private final TremorUrl url;
  private final Pipeline pipeline;
  private final PortTable outputs = new PortTable();
  private final Queue<Work> queue = new ConcurrentLinkedQueue<>();
  /** Insights jump the queue of events (Tremor merges its contraflow channel with priority). */
  private final Queue<Work> insights = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Queue<Runnable> onDrained = new ConcurrentLinkedQueue<>();
  /** The pipeline's inputs, for insights leaving it upstream (contraflow). */
  private final UpstreamTable inputs = new UpstreamTable();
  /** How far insights the pipeline sends now may still travel (see {@link UpstreamTable#HOPS}). */
  private int insightHops = UpstreamTable.HOPS;
  private final Emitter emitter = new Emitter() {
    @Override
    public void emit(String port, Event event) {
      outputs.send(port, event);
    }

    @Override
    public void insight(Insight insight) {
      inputs.send(insight, insightHops);
    }
  };

  private sealed interface Work {}

  private record EventWork(String port, Event event) implements Work {}

  private record SignalWork(Signal signal, int hops) implements Work {}

  private record InsightWork(Insight insight, int hops) implements Work {}

  PipelineRunner(TremorUrl url, Pipeline pipeline) {
    this.url = url;
    this.pipeline = pipeline;
  }

  TremorUrl url() {
    return url;
  }

  PortTable outputs() {
    return outputs;
  }

  UpstreamTable inputs() {
    return inputs;
  }

  long uid() {
    return pipeline.uid();
  }

  /** An insight from downstream: runs through the pipeline's contraflow, then on to its inputs. */
  void submitInsight(Insight insight, int hops) {
    if (pending.compareAndSet(0, 1)) {
      runInsight(insight, hops);
      finishInline();
      return;
    }
    enqueue(insights, new InsightWork(insight, hops));
  }

  /** Closes the pipeline's operators once nothing is queued (e.g. a WAL's log file). */
  void close() {
    whenDrained(pipeline::close);
  }

  void submit(String port, Event event) {
    if (pending.compareAndSet(0, 1)) {
      runEvent(port, event);
      finishInline();
      return;
    }
    enqueue(queue, new EventWork(port, event));
  }

  void submitSignal(Signal signal, int hops) {
    if (hops <= 0) {
      return;
    }
    enqueue(queue, new SignalWork(signal, hops));
  }

  /** Whether nothing is queued or running right now (the shutdown drain waits for this). */
  boolean idle() {
    return pending.get() == 0;
  }

  boolean overloaded() {
    return pending.get() > HIGH_WATER;
  }

  /** Runs {@code action} once the queue is empty (now, if it already is). */
  void whenDrained(Runnable action) {
    onDrained.add(action);
    if (pending.get() == 0) {
      runDrainedActions();
    }
  }

  /** Queues {@code work}; the submission that finds the runner idle drains it. */
  private void enqueue(Queue<Work> into, Work work) {
    into.add(work);
    if (pending.getAndIncrement() == 0) {
      drain();
    }
  }

  /** After an inline run: drains what was queued meanwhile, or runs the drained actions. */
  private void finishInline() {
    if (pending.decrementAndGet() != 0) {
      drain();
    } else if (!onDrained.isEmpty()) {
      runDrainedActions();
    }
  }

  private void drain() {
    do {
      Work work = insights.poll();
      if (work == null) {
        work = queue.poll();
      }
      switch (work) {
        case EventWork e -> runEvent(e.port(), e.event());
        case SignalWork s -> runSignal(s);
        case InsightWork i -> runInsight(i.insight(), i.hops());
        case null -> throw new IllegalStateException("pipeline queue out of step with its counter");
      }
    } while (pending.decrementAndGet() != 0);
    if (!onDrained.isEmpty()) {
      runDrainedActions();
    }
  }

  private void runEvent(String port, Event event) {
    try {
      pipeline.onEvent(port, event, emitter);
    } catch (RuntimeException e) {
      // Pipelines turn runtime errors into err events; anything escaping is a bug we must survive.
      LOG.error("[Pipeline::{}] error handling event {}: {}", url, event.id(), e.toString(), e);
    }
  }

  private void runSignal(SignalWork work) {
    try {
      pipeline.onSignal(work.signal(), emitter);
    } catch (RuntimeException e) {
      LOG.error("[Pipeline::{}] error handling signal {}: {}", url, work.signal(), e.toString(), e);
    }
    outputs.signalAll(work.signal(), work.hops() - 1);
  }

  private void runInsight(Insight insight, int hops) {
    insightHops = hops - 1;
    try {
      pipeline.onContraflow(insight, emitter);
    } catch (RuntimeException e) {
      LOG.error("[Pipeline::{}] error handling insight {}: {}", url, insight.kind(), e.toString(), e);
    } finally {
      insightHops = UpstreamTable.HOPS;
    }
  }

  private void runDrainedActions() {
    Runnable r;
    while ((r = onDrained.poll()) != null) {
      r.run();
    }
  }
}
