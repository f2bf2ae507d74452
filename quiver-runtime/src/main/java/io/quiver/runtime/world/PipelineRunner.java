package io.quiver.runtime.world;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineError;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Signal;
import io.quiver.spi.metrics.LatencyHistogram;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
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
 * and runs its event, signal or insight at once, without a queue entry or work record; what others
 * queue meanwhile is drained after it, insights before events as always.
 *
 * <p>Containment: nothing thrown while running the pipeline, not even a {@link Error} such as a
 * {@link StackOverflowError} or an {@link OutOfMemoryError}, leaves the runner; it stays usable for
 * every later event. An event that dies (a runtime error the query does not handle, or anything
 * thrown around it) is logged at ERROR in Tremor's form, rate-limited per cause; as in Tremor it
 * does not leave the {@code err} port. When its origin is a linked onramp, the runner answers the
 * origin itself with {@code {"error": ..., "event_id": ...}}: a linked request always gets an
 * answer (also for an event the query sends to {@code err}, unless the err links lead back to the
 * onramp).
 */
final class PipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  /** Beyond this many queued items the runner reports itself overloaded (sources pause). */
  static final int HIGH_WATER = 4096;

  /** One event in this many has its run timed into {@link #latency}. */
  static final int LATENCY_SAMPLE_EVERY = 16;

  private final TremorUrl url;
  private final Pipeline pipeline;

  /** The linked onramp an event id's source names, or null: where unanswered errors go. */
  private final LongFunction<OnrampInstance> origins;

  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);

  /**
   * Whether this pipeline's {@code err} links lead back to an onramp (links never change once
   * running).
   */
  private final Map<OnrampInstance, Boolean> errReaches = new ConcurrentHashMap<>();

  /** Sent through only inside the claim (by the pipeline's emitter), so its counts are owned. */
  private final PortTable outputs = new PortTable(RunnerOwned::new);

  private final Queue<Work> queue = new ConcurrentLinkedQueue<>();

  /** Insights jump the queue of events (Tremor merges its contraflow channel with priority). */
  private final Queue<Work> insights = new ConcurrentLinkedQueue<>();

  private final AtomicInteger pending = new AtomicInteger();
  private final Queue<Runnable> onDrained = new ConcurrentLinkedQueue<>();

  /** The pipeline's inputs, for insights leaving it upstream (contraflow). */
  private final UpstreamTable inputs = new UpstreamTable();

  /** How far insights the pipeline sends now may still travel (see {@link UpstreamTable#HOPS}). */
  private int insightHops = UpstreamTable.HOPS;

  /**
   * Events received, by input port: counts made while linking, incremented by this runner when it
   * takes an event (inside the claim, so they are owned).
   */
  private final Map<String, EventCount> received = new ConcurrentHashMap<>();

  /** Events that died of an error the query does not handle (see {@link #report}). */
  private final LongAdder errors = new LongAdder();

  /** How long sampled events took (see {@link #runEvent}). */
  private final LatencyHistogram latency = new LatencyHistogram();

  /**
   * Events left until the next timed one. Only the thread running the pipeline touches it (the
   * runner's claim orders those threads), so a plain field.
   */
  private int untilTimed = 1;

  private final Emitter emitter =
      new Emitter() {
        @Override
        public void emit(String port, Event event) {
          send(port, event);
          if (Ports.ERR.equals(port)) {
            answerOrigin(event, errorMessage(event), true);
          }
        }

        @Override
        public void error(PipelineError error) {
          report(error, null);
        }

        @Override
        public void insight(Insight insight) {
          inputs.send(insight, insightHops);
        }
      };

  private sealed interface Work {}

  private record EventWork(String port, EventCount received, Event event) implements Work {}

  private record SignalWork(Signal signal, int hops) implements Work {}

  private record InsightWork(Insight insight, int hops) implements Work {}

  PipelineRunner(TremorUrl url, Pipeline pipeline) {
    this(url, pipeline, source -> null);
  }

  PipelineRunner(TremorUrl url, Pipeline pipeline, LongFunction<OnrampInstance> origins) {
    this.url = url;
    this.pipeline = pipeline;
    this.origins = origins;
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

  /** The pipeline this runner runs. */
  Pipeline pipeline() {
    return pipeline;
  }

  /** The counter of events received on input {@code port}; called while linking. */
  EventCount receivedOn(String port) {
    return received.computeIfAbsent(port.intern(), p -> new RunnerOwned());
  }

  /** Events received so far, by input port. */
  Map<String, EventCount> received() {
    return received;
  }

  /** Events that died of an unhandled error so far. */
  long errors() {
    return errors.sum();
  }

  /** Items queued or running now (events, signals, insights). */
  int queueDepth() {
    return pending.get();
  }

  /** The time sampled events took through this pipeline. */
  LatencyHistogram latency() {
    return latency;
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

  /** Submits {@code event} on input {@code port}, counted in {@link #receivedOn}'s count. */
  void submit(String port, Event event) {
    submit(port, receivedOn(port), event);
  }

  /**
   * Submits {@code event} on input {@code port}; {@code received} is {@link #receivedOn}'s count of
   * that port (a link resolves it once), incremented when the event is taken.
   */
  void submit(String port, EventCount received, Event event) {
    if (pending.compareAndSet(0, 1)) {
      received.increment();
      runEvent(port, event);
      finishInline();
      return;
    }
    enqueue(queue, new EventWork(port, received, event));
  }

  void submitSignal(Signal signal, int hops) {
    if (hops <= 0) {
      return;
    }
    if (pending.compareAndSet(0, 1)) { // idle: run it now, as events are (no work record)
      runSignal(signal, hops);
      finishInline();
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
        case EventWork e -> {
          e.received().increment();
          runEvent(e.port(), e.event());
        }
        case SignalWork s -> runSignal(s.signal(), s.hops());
        case InsightWork i -> runInsight(i.insight(), i.hops());
        case null -> throw new IllegalStateException("pipeline queue out of step with its counter");
      }
    } while (pending.decrementAndGet() != 0);
    if (!onDrained.isEmpty()) {
      runDrainedActions();
    }
  }

  /**
   * Runs one event. One event in {@link #LATENCY_SAMPLE_EVERY} is timed, from the start of its run
   * to when the pipeline has handed its results on (what destinations do inline, such as a sink
   * writing to its connection or a next pipeline that was idle, is part of it; time spent queued
   * before the run is not).
   */
  private void runEvent(String port, Event event) {
    if (--untilTimed > 0) {
      runEventUntimed(port, event);
    } else {
      untilTimed = LATENCY_SAMPLE_EVERY;
      long start = System.nanoTime();
      runEventUntimed(port, event);
      latency.recordNanos(System.nanoTime() - start);
    }
  }

  private void runEventUntimed(String port, Event event) {
    try {
      pipeline.onEvent(port, event, emitter);
    } catch (Throwable t) {
      // Pipelines turn runtime errors into err events; anything escaping is a bug (or the JVM
      // running out of stack or heap) that this event dies of, and that the runner survives.
      failed(event, t, "");
    }
  }

  private void runSignal(Signal signal, int hops) {
    try {
      pipeline.onSignal(signal, emitter);
    } catch (Throwable t) {
      logContained("handling signal " + signal, t);
    }
    try {
      outputs.signalAll(signal, hops - 1);
    } catch (Throwable t) {
      logContained("passing on signal " + signal, t);
    }
  }

  private void runInsight(Insight insight, int hops) {
    insightHops = hops - 1;
    try {
      pipeline.onContraflow(insight, emitter);
    } catch (Throwable t) {
      logContained("handling insight " + insight.kind(), t);
    } finally {
      insightHops = UpstreamTable.HOPS;
    }
  }

  /** Sends {@code event} out of {@code port}; what its destinations throw fails only this event. */
  private void send(String port, Event event) {
    try {
      outputs.send(port, event);
    } catch (Throwable t) {
      if (Ports.ERR.equals(port)) {
        logContained("sending error event " + event.id() + " out of err", t);
      } else {
        failed(event, t, " while sending it out of " + port);
      }
    }
  }

  /** {@code event} died of {@code t}: reported like a runtime error; never throws. */
  private void failed(Event event, Throwable t, String where) {
    try {
      report(PipelineError.of(event, "internal error in " + url.path() + where + ": " + t), t);
    } catch (Throwable again) {
      // e.g. still out of memory: nothing more can be done for this event, the runner goes on
    }
  }

  /**
   * Logs {@code error} at ERROR in Tremor's form (src/pipeline.rs: {@code Error handling event:}
   * then the excerpt of a script error, or {@code Error handling event: <message>}), rate-limited
   * per cause, and answers its linked origin. As in Tremor nothing leaves the err port: that port
   * carries only what the query sends there.
   */
  private void report(PipelineError error, Throwable t) {
    errors.increment();
    long heldBack = errorLog.admit(error.cause());
    if (heldBack >= 0) {
      String note = errorLog.heldBackNote(heldBack);
      if (t != null) {
        LOG.error(
            "[Pipeline::{}] Error handling event {}{}: {}",
            url,
            error.event().id(),
            note,
            error.message(),
            t);
      } else if (error.script() != null) {
        LOG.error(
            "[Pipeline::{}] Error handling event {}{}:\n{}",
            url,
            error.event().id(),
            note,
            error.rendered());
      } else {
        LOG.error(
            "[Pipeline::{}] Error handling event: {}\n  event {}{}",
            url,
            error.message(),
            error.event().id(),
            note);
      }
    }
    answerOrigin(error.event(), error.message(), false);
  }

  private void logContained(String what, Throwable t) {
    try {
      long heldBack = errorLog.admit(what + " " + t.getClass().getName());
      if (heldBack >= 0) {
        LOG.error(
            "[Pipeline::{}] error {}{}: {}",
            url,
            what,
            errorLog.heldBackNote(heldBack),
            t.toString(),
            t);
      }
    } catch (Throwable again) {
      // logging itself failed (out of memory): the runner goes on
    }
  }

  /**
   * Answers the linked onramp {@code event} came from with an error, unless {@code sentOnErr} and
   * this pipeline's {@code err} links lead back to it (then the error event travels there and
   * answers it).
   */
  private void answerOrigin(Event event, String message, boolean sentOnErr) {
    try {
      OnrampInstance origin = origins.apply(event.id().source());
      if (origin == null || (sentOnErr && errReaches.computeIfAbsent(origin, this::errLeadsTo))) {
        return;
      }
      LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
      meta.put("error", Value.of(message));
      Value correlation = event.metaField("correlation");
      if (correlation != null) {
        meta.put("correlation", correlation);
      }
      Value data =
          Value.obj("error", Value.of(message), "event_id", Value.of(event.id().toString()));
      origin.reply(new Event(event.id(), event.ingestNs(), data, Value.obj(meta), event.stream()));
    } catch (Throwable t) {
      logContained("answering event " + event.id() + " with an error", t);
    }
  }

  /**
   * Whether this pipeline's err links reach {@code onramp}'s reply port, directly or through
   * pipelines.
   */
  private boolean errLeadsTo(OnrampInstance onramp) {
    ArrayDeque<Destination> todo = new ArrayDeque<>(outputs.destinations(Ports.ERR));
    Set<PipelineRunner> seen = new HashSet<>();
    seen.add(this);
    while (!todo.isEmpty()) {
      switch (todo.poll()) {
        case Destination.ToOnrampReply r -> {
          if (r.onramp() == onramp) {
            return true;
          }
        }
        case Destination.ToPipeline p -> {
          if (seen.add(p.runner())) {
            for (String port : p.runner().outputs().ports()) {
              todo.addAll(p.runner().outputs().destinations(port));
            }
          }
        }
        case Destination.ToOfframp o -> {}
      }
    }
    return false;
  }

  /**
   * The message for a client whose event left the pipeline on err: its {@code error} text if any.
   */
  private String errorMessage(Event event) {
    if (event.data() instanceof Value.Obj o && o.get("error") instanceof Value.Str s) {
      return s.value();
    }
    return "event " + event.id() + " was sent to " + url.withPort(Ports.ERR);
  }

  private void runDrainedActions() {
    Runnable r;
    while ((r = onDrained.poll()) != null) {
      try {
        r.run();
      } catch (Throwable t) {
        logContained("running an action after draining", t);
      }
    }
  }
}
