package io.quiver.pipeline;

import io.quiver.script.EventContext;
import io.quiver.script.Expression;
import io.quiver.script.ScriptOutcome;
import io.quiver.script.ScriptRuntimeException;
import io.quiver.script.ValueOps;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.KeyOrder;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of a compiled graph. Events travel depth-first over an explicit stack, as in
 * Tremor's executable graph, and the outputs are emitted in Tremor's order once the event has been
 * fully processed. Not thread-safe (one thread at a time, see {@link Pipeline}).
 */
final class GraphPipeline implements Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(GraphPipeline.class);

  /**
   * Uids of pipelines and operators, unique in the process (Tremor's operator id generator); above
   * 2^32 so that they never collide with onramp uids, which also appear as event id sources.
   */
  private static final java.util.concurrent.atomic.AtomicLong UIDS =
      new java.util.concurrent.atomic.AtomicLong(1L << 32);

  private final String id;
  private final GraphPlan plan;
  private final Value[] scriptState;
  private final WindowedSelect[] windowed;

  /** The operator instances, by node ({@link Node.Op}); each holds its own state. */
  private final Operator[] operators;

  /** The port a bare {@code select event} pipeline emits on (see passThroughPort), else null. */
  private final String passThroughPort;

  private final long[] operatorUids;

  /** Nodes whose operator handles contraflow, in reverse order of creation (Tremor's order). */
  private final int[] contraflow;

  /** Nodes whose operator handles ticks, in order of creation. */
  private final int[] signalflow;

  private final long uid = UIDS.getAndIncrement();

  /** The {@code events} metrics ({@code #!config metrics_interval_s}), or null when off. */
  private final PipelineMetrics metrics;

  private final LogThrottle signalErrors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private Run idle = new Run();

  GraphPipeline(String id, GraphPlan plan) {
    this(id, plan, null);
  }

  GraphPipeline(String id, GraphPlan plan, PipelineMetrics metrics) {
    this.id = id;
    this.plan = plan;
    this.metrics = metrics;
    int n = plan.nodes().length;
    this.operators = new Operator[n];
    this.passThroughPort = passThroughPort(plan);
    this.operatorUids = new long[n];
    List<Integer> cf = new ArrayList<>();
    List<Integer> sf = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (plan.nodes()[i] instanceof Node.Op op) {
        operatorUids[i] = UIDS.getAndIncrement();
        operators[i] = op.factory().create(operatorUids[i]);
        if (operators[i].handlesContraflow()) {
          cf.add(i);
        }
        if (operators[i].handlesSignal()) {
          sf.add(i);
        }
      }
    }
    java.util.Collections.reverse(cf);
    this.contraflow = cf.stream().mapToInt(Integer::intValue).toArray();
    this.signalflow = sf.stream().mapToInt(Integer::intValue).toArray();
    this.scriptState = new Value[plan.nodes().length];
    java.util.Arrays.fill(scriptState, Value.NULL);
    this.windowed = new WindowedSelect[plan.nodes().length];
    for (int i = 0; i < plan.nodes().length; i++) {
      if (plan.nodes()[i] instanceof Node.Select s && s.stateful()) {
        windowed[i] = new WindowedSelect(s);
      }
    }
  }

  @Override
  public long uid() {
    return uid;
  }

  /** The metrics of this instance, or null (tests). */
  PipelineMetrics metrics() {
    return metrics;
  }

  /** The port a bare {@code select event} pipeline emits on, or null. */
  @Override
  public String passThroughPort() {
    return passThroughPort;
  }

  /**
   * A transactional event leaving the pipeline: acks and fails for it come back to this pipeline.
   */
  private Event withOpMetaIfTransactional(Event e) {
    if (e.transactional() && !e.transit().hasOpMeta(uid)) {
      return e.withTransit(e.transit().withOpMeta(uid, Value.NULL));
    }
    return e;
  }

  /**
   * The output port of a pipeline that is only {@code select event from in into <port>;} (no where,
   * having, window or group by, no other nodes), or null. Such a pipeline hands every event on
   * unchanged, so it skips the graph walk: the proxy examples' pipelines are all of this shape.
   *
   * <p>Kept because it pays: quiver-bench's {@code PipelineBench.bareSelect} (BENCHMARKS.md,
   * "Bare-select shortcut") measured about 8 ns per event with it and 80 to 100 ns without (the
   * graph walk), three alternating runs each on the loaded shared machine: a gap far above the
   * noise.
   */
  private static String passThroughPort(GraphPlan plan) {
    Node[] nodes = plan.nodes();
    int selects = 0;
    for (Node node : nodes) {
      switch (node) {
        case Node.Select s -> selects++;
        case Node.Input i -> {}
        case Node.Output o -> {} // the built-in out, err and metrics ports, used or not
        default -> {
          return null;
        }
      }
    }
    if (selects != 1 || plan.inputs().size() != 1 || !plan.inputs().containsKey("in")) {
      return null;
    }
    int input = plan.defaultInput();
    if (!(nodes[input] instanceof Node.Input)
        || plan.outTargets()[input].length != 1
        || plan.errTargets()[input].length != 0
        || !plan.otherTargets().get(input).isEmpty()) {
      return null;
    }
    int select = plan.outTargets()[input][0];
    if (!(nodes[select] instanceof Node.Select s)
        || s.target() != null
        || s.where() != null
        || s.having() != null
        || s.stateful()
        || plan.outTargets()[select].length != 1
        || plan.errTargets()[select].length != 0
        || !plan.otherTargets().get(select).isEmpty()) {
      return null;
    }
    int output = plan.outTargets()[select][0];
    return nodes[output] instanceof Node.Output o ? o.port() : null;
  }

  /** The uid of the operator at node {@code node} (tests). */
  long operatorUid(String nodeId) {
    for (int i = 0; i < plan.nodes().length; i++) {
      if (plan.nodes()[i].id().equals(nodeId)) {
        return operatorUids[i];
      }
    }
    throw new IllegalArgumentException("no node " + nodeId);
  }

  /** The operator instance of node {@code nodeId} (tests). */
  Operator operator(String nodeId) {
    for (int i = 0; i < plan.nodes().length; i++) {
      if (plan.nodes()[i].id().equals(nodeId)) {
        return operators[i];
      }
    }
    throw new IllegalArgumentException("no node " + nodeId);
  }

  @Override
  public void onContraflow(Insight insight, Emitter out) {
    Insight left = walkContraflow(-1, insight);
    if (left.kind() != Insight.Kind.NONE) {
      out.insight(left);
    }
  }

  /**
   * Passes {@code insight} to the contraflow operators; with {@code from >= 0} (an insight made by
   * that node) only to those after it in contraflow order, as Tremor's {@code skip_to}.
   */
  private Insight walkContraflow(int from, Insight insight) {
    boolean skipping = from >= 0;
    for (int node : contraflow) {
      if (skipping) {
        if (node == from) {
          skipping = false;
        }
        continue;
      }
      try {
        insight = operators[node].onContraflow(insight);
      } catch (RuntimeException e) {
        LOG.warn(
            "[Pipeline::{}] operator {} failed handling insight {}: {}",
            id,
            plan.nodes()[node].id(),
            insight.kind(),
            e.toString());
      }
      if (insight.kind() == Insight.Kind.NONE) {
        break;
      }
    }
    return insight;
  }

  @Override
  public void close() {
    for (Operator op : operators) {
      if (op instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("[Pipeline::{}] error closing operator: {}", id, e.toString());
        }
      }
    }
  }

  @Override
  public void onSignal(Signal signal, Emitter out) {
    if (!(signal instanceof Signal.Tick tick)) {
      return;
    }
    for (int node : signalflow) {
      Run run = idle != null ? idle : new Run();
      idle = null;
      try {
        run.begin();
        run.current = node;
        run.from = node; // what a tick makes is not counted out of the node, only into the next
        operators[node].onSignal(tick.nowNs(), run);
        run.drain();
        run.finish(out);
      } catch (RuntimeException e) {
        LOG.warn(
            "[Pipeline::{}] operator {} failed handling a tick: {}",
            id,
            plan.nodes()[node].id(),
            e.toString());
        run.reset();
      } finally {
        idle = run;
      }
    }
    for (int i = 0; i < windowed.length; i++) {
      if (windowed[i] == null || !windowed[i].hasTimeWindows()) {
        continue;
      }
      List<Event> produced = new ArrayList<>();
      try {
        windowed[i].onTick(tick.nowNs(), produced);
      } catch (WindowedSelect.SelectException ex) {
        signalFailed(ex.causeKey, " " + ex.getMessage());
      } catch (ScriptRuntimeException ex) {
        signalFailed(ex.sourceName() + ":" + ex.line() + ":" + ex.column(), "\n" + ex.render());
      }
      for (Event e : produced) {
        Run run = idle != null ? idle : new Run();
        idle = null;
        try {
          run.processFrom(i, plan.outTargets()[i], e);
          run.finish(out);
        } finally {
          idle = run;
        }
      }
    }
  }

  /**
   * A window closed by a tick failed: logged at ERROR in Tremor's words (src/pipeline.rs, {@code
   * Error handling signal:}), once per cause every 10 s.
   */
  private void signalFailed(String cause, String rendered) {
    long heldBack = signalErrors.admit(cause);
    if (heldBack >= 0) {
      LOG.error(
          "[Pipeline::{}] Error handling signal{}:{}",
          id,
          signalErrors.heldBackNote(heldBack),
          rendered);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void onEvent(String inputPort, Event event, Emitter out) {
    if (metrics != null && metrics.due(event.ingestNs())) {
      metrics.report(event.ingestNs(), operators, out);
    }
    if (passThroughPort != null && "in".equals(inputPort)) {
      out.emit(passThroughPort, withOpMetaIfTransactional(event));
      return;
    }
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
      run.finish(out);
    } finally {
      idle = run;
    }
  }

  /** Stack and outputs of one event's trip through the graph; reused between events. */
  private final class Run implements Operator.Output {
    /** A stack entry on the way from an input to where Tremor's graph enters (see entry). */
    private static final int ENTERING = -1;

    private int[] stackNode = new int[8];
    private Event[] stackEvent = new Event[8];

    /** Per stack entry, the node that sent it there, or ENTERING. */
    private int[] stackFrom = new int[8];

    private int sp;
    private int[] outNode = new int[4];
    private Event[] outEvent = new Event[4];
    private int outCount;

    /** The operator node being run (for {@link Operator.Output}). */
    int current;

    /** What the node being run passes on as the sender of its events (a node, or ENTERING). */
    int from;

    /** Whether the node being run counts what it sends (metrics on, and Tremor runs it). */
    private boolean counting;

    /** With metrics on: the node where Tremor starts running this run's event (see layout). */
    private int entry = -1;

    /** Insights operators made during this run, with the node that made each. */
    private List<Insight> insights;

    private List<Integer> insightNodes;

    /** Events that died of a runtime error nothing in the query handles, in order. */
    private List<PipelineError> failures;

    void begin() {
      sp = 0;
      counting = false;
      entry = -1;
      outCount = 0;
      insights = null;
      insightNodes = null;
      failures = null;
    }

    void process(int input, Event event) {
      begin();
      if (metrics != null) {
        entry = metrics.layout().entry(input);
      }
      push(input, event, ENTERING);
      drain();
    }

    /**
     * Runs {@code event} from the given targets (a node's outputs) through the rest of the graph.
     */
    void processFrom(int node, int[] targets, Event event) {
      begin();
      fanOut(targets, event, node);
      drain();
    }

    void drain() {
      while (sp > 0) {
        sp--;
        int node = stackNode[sp];
        Event e = stackEvent[sp];
        stackEvent[sp] = null;
        enter(node, stackFrom[sp]);
        handle(node, e);
      }
    }

    void reset() {
      java.util.Arrays.fill(stackEvent, 0, sp, null);
      java.util.Arrays.fill(outEvent, 0, outCount, null);
      sp = 0;
      outCount = 0;
      insights = null;
      insightNodes = null;
      failures = null;
    }

    /** Sends the insights operators made upstream (first, as Tremor does), then the events out. */
    void finish(Emitter out) {
      if (insights != null) {
        List<Insight> made = insights;
        List<Integer> nodes = insightNodes;
        insights = null;
        insightNodes = null;
        for (int i = 0; i < made.size(); i++) {
          Insight left = walkContraflow(nodes.get(i), made.get(i));
          if (left.kind() != Insight.Kind.NONE) {
            out.insight(left);
          }
        }
      }
      emit(out);
      if (failures != null) {
        List<PipelineError> failed = failures;
        failures = null;
        for (PipelineError f : failed) {
          out.error(f);
        }
      }
    }

    /**
     * {@code event} died of {@code error}: it leaves the pipeline on {@code err} once the run ends.
     */
    private void fail(PipelineError error) {
      if (failures == null) {
        failures = new ArrayList<>(1);
      }
      failures.add(error);
    }

    void emit(Emitter out) {
      for (int i = outCount - 1; i >= 0; i--) {
        Node.Output o = (Node.Output) plan.nodes()[outNode[i]];
        Event e = outEvent[i];
        outEvent[i] = null;
        out.emit(o.port(), withOpMetaIfTransactional(e));
      }
      outCount = 0;
    }

    /**
     * Sets who the node passes its events on as and, with metrics on, counts its input where Tremor
     * would (see {@link MetricsLayout}).
     */
    private void enter(int node, int sender) {
      if (metrics == null) {
        from = node;
        return;
      }
      MetricsLayout layout = metrics.layout();
      if (sender == ENTERING) {
        counting = node == entry; // Tremor's input enters here, uncounted
        from = counting ? node : ENTERING;
      } else {
        counting = layout.counted(node);
        if (counting) {
          metrics.countIn(node, layout.inputPort(sender, node));
        }
        from = node;
      }
    }

    /** Counts an event the node being run sends out of {@code port}, when it counts. */
    private void sent(int node, String port) {
      if (counting) {
        metrics.countOut(node, port);
      }
    }

    @Override
    public void event(String port, Event e) {
      sent(current, port);
      forward(plan.targets(current, port), e);
    }

    @Override
    public void insight(Insight insight) {
      if (insights == null) {
        insights = new ArrayList<>(2);
        insightNodes = new ArrayList<>(2);
      }
      insights.add(insight);
      insightNodes.add(current);
    }

    private void push(int node, Event e, int sender) {
      if (sp == stackNode.length) {
        stackNode = java.util.Arrays.copyOf(stackNode, sp * 2);
        stackEvent = java.util.Arrays.copyOf(stackEvent, sp * 2);
        stackFrom = java.util.Arrays.copyOf(stackFrom, sp * 2);
      }
      stackNode[sp] = node;
      stackEvent[sp] = e;
      stackFrom[sp] = sender;
      sp++;
    }

    private void forward(int[] targets, Event e) {
      fanOut(targets, e, from);
    }

    /**
     * Pushes {@code e} to each target; as Tremor's graph does (executable_graph.rs,
     * `enqueue_events`), every target but the last gets a copy, which matters only in Tremor's key
     * order ({@link KeyOrder#copied}).
     */
    private void fanOut(int[] targets, Event e, int sender) {
      int last = targets.length - 1;
      for (int i = 0; i < last; i++) {
        push(targets[i], KeyOrder.copied(e), sender);
      }
      if (last >= 0) {
        push(targets[last], e, sender);
      }
    }

    private void handle(int node, Event e) {
      switch (plan.nodes()[node]) {
        case Node.Input in -> {
          sent(node, "out");
          forward(plan.outTargets()[node], e);
        }
        case Node.Stream s -> {
          sent(node, "out");
          forward(plan.outTargets()[node], e);
        }
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
        case Node.Op op -> {
          current = node;
          operators[node].onEvent(e, this);
        }
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
        sent(node, "out");
        forward(plan.outTargets()[node], result);
      } catch (ScriptRuntimeException ex) {
        // Tremor logs this and drops the event (src/pipeline.rs): the emitter decides
        fail(PipelineError.of(e, ex));
      } catch (GuardException ex) {
        fail(PipelineError.of(e, ex.getMessage()));
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
        fail(PipelineError.of(e, ex));
        return;
      } catch (GuardException ex) {
        fail(PipelineError.of(e, ex.getMessage()));
        return;
      } catch (WindowedSelect.SelectException ex) {
        fail(PipelineError.of(e, ex.getMessage(), ex.causeKey));
        return;
      }
      // pushed in order as Tremor does; the outputs are emitted in reverse pop order
      for (Event out : produced) {
        sent(node, "out");
        forward(plan.outTargets()[node], out);
      }
    }

    private boolean test(Expression guard, Value data, Value meta) throws GuardException {
      Value v = guard.evaluate(data, meta, Value.NULL, Value.NULL);
      if (v instanceof Value.Bool b) {
        return b.value();
      }
      throw new GuardException(
          "Conflicting types, got " + ValueOps.typeName(v) + " but expected boolean");
    }

    private void script(int node, Node.ScriptNode s, Event e) {
      ScriptOutcome outcome;
      try {
        // the event's ingest time (the onramp's, or the ingest-ns preprocessor's) for
        // system::ingest_ns()
        outcome =
            s.script()
                .run(
                    e.data(),
                    e.meta(),
                    scriptState[node],
                    s.args(),
                    new EventContext(e.ingestNs(), Value.NULL));
      } catch (ScriptRuntimeException ex) {
        sent(node, "err"); // Tremor's script sends its error event out of err, linked or not
        int[] errTargets = plan.errTargets()[node];
        if (errTargets.length == 0) {
          // nothing in the query takes the script's err port: the event dies in the pipeline
          fail(PipelineError.of(e, ex));
          return;
        }
        // Tremor's error event (tremor-pipeline/src/op/trickle/script.rs)
        Value error = Value.obj("error", Value.of(ex.render()), "event", e.data());
        forward(errTargets, e.withData(error));
        return;
      }
      scriptState[node] = outcome.state();
      if (outcome.dropped()) {
        return;
      }
      Event out =
          new Event(e.id(), e.ingestNs(), outcome.value(), outcome.meta(), e.stream(), e.transit());
      sent(node, outcome.portOrDefault());
      forward(plan.targets(node, outcome.portOrDefault()), out);
    }
  }

  private static final class GuardException extends Exception {
    private static final long serialVersionUID = 1L;

    GuardException(String message) {
      super(message, null, false, false);
    }
  }
}
