package io.quiver.pipeline;

import io.quiver.script.Expression;
import io.quiver.script.ScriptOutcome;
import io.quiver.script.ScriptRuntimeException;
import io.quiver.script.ValueOps;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of a compiled graph. Events travel depth-first over an explicit stack, as
 * in Tremor's executable graph, and the outputs are emitted in Tremor's order once the event has
 * been fully processed. Not thread-safe (one thread at a time, see {@link Pipeline}).
 */
final class GraphPipeline implements Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(GraphPipeline.class);

  private final String id;
  private final GraphPlan plan;
  private final Value[] scriptState;
  private final long[] counts;
  private final WindowedSelect[] windowed;
  /** Per-node operator state: bucket rate windows, round-robin positions. */
  private final Object[] operatorState;
  private Run idle = new Run();

  GraphPipeline(String id, GraphPlan plan) {
    this.id = id;
    this.plan = plan;
    this.scriptState = new Value[plan.nodes().length];
    java.util.Arrays.fill(scriptState, Value.NULL);
    this.counts = new long[plan.nodes().length];
    this.windowed = new WindowedSelect[plan.nodes().length];
    this.operatorState = new Object[plan.nodes().length];
    for (int i = 0; i < plan.nodes().length; i++) {
      if (plan.nodes()[i] instanceof Node.Select s && s.stateful()) {
        windowed[i] = new WindowedSelect(s);
      }
    }
  }

  @Override
  public void onSignal(Signal signal, Emitter out) {
    if (!(signal instanceof Signal.Tick tick)) {
      return;
    }
    for (int i = 0; i < windowed.length; i++) {
      if (windowed[i] == null || !windowed[i].hasTimeWindows()) {
        continue;
      }
      List<Event> produced = new ArrayList<>();
      try {
        windowed[i].onTick(tick.nowNs(), produced);
      } catch (WindowedSelect.SelectException ex) {
        LOG.debug("Error handling tick in {}: {}", plan.nodes()[i].id(), ex.getMessage());
      }
      for (Event e : produced) {
        Run run = idle != null ? idle : new Run();
        idle = null;
        try {
          run.processFrom(plan.outTargets()[i], e);
          run.emit(out);
        } finally {
          idle = run;
        }
      }
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void onEvent(String inputPort, Event event, Emitter out) {
    int input;
    if ("in".equals(inputPort)) {
      input = plan.defaultInput();
    } else {
      Integer i = plan.inputs().get(inputPort);
      if (i == null) {
        LOG.debug("Pipeline {} has no input port {}; event {} dropped", id, inputPort, event.id());
        return;
      }
      input = i;
    }
    // a re-entrant call (an emitter feeding this pipeline again) gets its own run state
    Run run = idle != null ? idle : new Run();
    idle = null;
    try {
      run.process(input, event);
      run.emit(out);
    } finally {
      idle = run;
    }
  }

  /** Stack and outputs of one event's trip through the graph; reused between events. */
  private final class Run {
    private int[] stackNode = new int[8];
    private Event[] stackEvent = new Event[8];
    private int sp;
    private int[] outNode = new int[4];
    private Event[] outEvent = new Event[4];
    private int outCount;

    void process(int input, Event event) {
      sp = 0;
      outCount = 0;
      push(input, event);
      while (sp > 0) {
        sp--;
        int node = stackNode[sp];
        Event e = stackEvent[sp];
        stackEvent[sp] = null;
        handle(node, e);
      }
    }

    /** Runs {@code event} from the given targets (a node's outputs) through the rest of the graph. */
    void processFrom(int[] targets, Event event) {
      sp = 0;
      outCount = 0;
      for (int t : targets) {
        push(t, event);
      }
      while (sp > 0) {
        sp--;
        int node = stackNode[sp];
        Event e = stackEvent[sp];
        stackEvent[sp] = null;
        handle(node, e);
      }
    }

    void emit(Emitter out) {
      for (int i = outCount - 1; i >= 0; i--) {
        Node.Output o = (Node.Output) plan.nodes()[outNode[i]];
        Event e = outEvent[i];
        outEvent[i] = null;
        out.emit(o.port(), e);
      }
      outCount = 0;
    }

    private void push(int node, Event e) {
      if (sp == stackNode.length) {
        stackNode = java.util.Arrays.copyOf(stackNode, sp * 2);
        stackEvent = java.util.Arrays.copyOf(stackEvent, sp * 2);
      }
      stackNode[sp] = node;
      stackEvent[sp] = e;
      sp++;
    }

    private void forward(int[] targets, Event e) {
      for (int t : targets) {
        push(t, e);
      }
    }

    private void handle(int node, Event e) {
      switch (plan.nodes()[node]) {
        case Node.Input in -> forward(plan.outTargets()[node], e);
        case Node.Stream s -> forward(plan.outTargets()[node], e);
        case Node.Output o -> {
          if (outCount == outNode.length) {
            outNode = java.util.Arrays.copyOf(outNode, outCount * 2);
            outEvent = java.util.Arrays.copyOf(outEvent, outCount * 2);
          }
          outNode[outCount] = node;
          outEvent[outCount] = e;
          outCount++;
        }
        case Node.Select s -> select(node, s, e);
        case Node.ScriptNode s -> script(node, s, e);
        case Node.Bucket b -> bucket(node, e);
        case Node.History h -> {
          Value meta = e.meta() instanceof Value.Obj o ? o : Value.EMPTY_OBJECT;
          String entry = "evt: " + h.op() + "(" + e.id() + ")";
          List<Value> history = new ArrayList<>();
          if (((Value.Obj) meta).get(h.name()) instanceof Value.Arr a) {
            history.addAll(a.items());
          }
          history.add(Value.of(entry));
          Value newMeta = ((Value.Obj) meta).with(h.name(), Value.array(history));
          forward(plan.outTargets()[node], new Event(e.id(), e.ingestNs(), e.data(), newMeta,
              e.stream()));
        }
        case Node.RoundRobin r -> {
          int[] next = (int[]) operatorState[node];
          if (next == null) {
            next = new int[1];
            operatorState[node] = next;
          }
          String port = r.outputs()[next[0] % r.outputs().length];
          next[0] = (next[0] + 1) % r.outputs().length;
          forward(plan.targets(node, port), e);
        }
        case Node.Counter c -> {
          long n = ++counts[node];
          forward(plan.outTargets()[node],
              e.withData(Value.obj("count", Value.of(n), "event", e.data())));
        }
      }
    }

    @SuppressWarnings("unchecked")
    private void bucket(int node, Event e) {
      Map<String, Map<String, RateWindow>> classes =
          (Map<String, Map<String, RateWindow>>) operatorState[node];
      if (classes == null) {
        classes = new HashMap<>();
        operatorState[node] = classes;
      }
      Value.Obj meta = e.meta() instanceof Value.Obj o ? o : (Value.Obj) Value.EMPTY_OBJECT;
      if (!(meta.get("class") instanceof Value.Str cls)) {
        forward(plan.errTargets()[node], e);
        return;
      }
      int cardinality = meta.get("cardinality") instanceof Value.Int n && n.value() > 0
          ? (int) Math.min(n.value(), Integer.MAX_VALUE) : 1000;
      Map<String, RateWindow> dims = classes.computeIfAbsent(cls.value(),
          k -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateWindow> eldest) {
              return size() > cardinality;
            }
          });
      Value d = meta.get("dimensions");
      String key = ValueOps.encode(d == null ? Value.NULL : d);
      RateWindow window = dims.get(key);
      if (window == null) {
        if (!(meta.get("rate") instanceof Value.Int rate) || rate.value() < 0) {
          forward(plan.errTargets()[node], e);
          return;
        }
        long range = meta.get("time_range") instanceof Value.Int t && t.value() > 0 ? t.value() : 1000;
        int slots = meta.get("windows") instanceof Value.Int w && w.value() > 0
            ? (int) Math.min(w.value(), 1_000_000) : 100;
        window = new RateWindow(slots, range / slots, rate.value());
        dims.put(key, window);
      }
      if (window.tryIncrement(e.ingestNs())) {
        forward(plan.outTargets()[node], e);
      } else {
        forward(plan.targets(node, "overflow"), e);
      }
    }

    private void select(int node, Node.Select s, Event e) {
      if (windowed[node] != null) {
        statefulSelect(node, s, e);
        return;
      }
      try {
        if (s.where() != null && !test(s.where(), e.data(), e.meta())) {
          return;
        }
        Event result = e;
        if (s.target() != null) {
          result = e.withData(s.target().evaluate(e.data(), e.meta(), Value.NULL, Value.NULL));
        }
        if (s.having() != null
            && !test(s.having(), result.data(), s.target() == null ? e.meta() : Value.NULL)) {
          return;
        }
        forward(plan.outTargets()[node], result);
      } catch (ScriptRuntimeException ex) {
        LOG.debug("Error handling event: {}", ex.render());
      } catch (GuardException ex) {
        LOG.debug("Error handling event: {}", ex.getMessage());
      }
    }

    private void statefulSelect(int node, Node.Select s, Event e) {
      List<Event> produced = new ArrayList<>(2);
      try {
        if (s.where() != null && !test(s.where(), e.data(), e.meta())) {
          return;
        }
        windowed[node].onEvent(e, produced);
      } catch (ScriptRuntimeException ex) {
        LOG.debug("Error handling event: {}", ex.render());
        return;
      } catch (GuardException | WindowedSelect.SelectException ex) {
        LOG.debug("Error handling event: {}", ex.getMessage());
        return;
      }
      // pushed in order as Tremor does; the outputs are emitted in reverse pop order
      for (Event out : produced) {
        forward(plan.outTargets()[node], out);
      }
    }

    private boolean test(Expression guard, Value data, Value meta) throws GuardException {
      Value v = guard.evaluate(data, meta, Value.NULL, Value.NULL);
      if (v instanceof Value.Bool b) {
        return b.value();
      }
      throw new GuardException("Conflicting types, got " + ValueOps.typeName(v)
          + " but expected boolean");
    }

    private void script(int node, Node.ScriptNode s, Event e) {
      ScriptOutcome outcome;
      try {
        outcome = s.script().run(e.data(), e.meta(), scriptState[node], s.args());
      } catch (ScriptRuntimeException ex) {
        Value error = Value.obj("error", Value.of(ex.render()), "event", e.data());
        forward(plan.errTargets()[node], e.withData(error));
        return;
      }
      scriptState[node] = outcome.state();
      if (outcome.dropped()) {
        return;
      }
      Event out = new Event(e.id(), e.ingestNs(), outcome.value(), outcome.meta(), e.stream());
      forward(plan.targets(node, outcome.portOrDefault()), out);
    }
  }

  private static final class GuardException extends Exception {
    GuardException(String message) {
      super(message, null, false, false);
    }
  }
}
