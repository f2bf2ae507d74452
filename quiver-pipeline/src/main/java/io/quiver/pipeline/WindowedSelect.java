package io.quiver.pipeline;

import io.quiver.script.Aggregate;
import io.quiver.script.EventContext;
import io.quiver.script.Expression;
import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.script.ScriptOutcome;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.KeyOrder;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one grouped and/or windowed select in one pipeline instance, following Tremor 0.11:
 * each event is put into its groups; per group, every window decides (from its size or interval)
 * whether to emit before or after including the event; with several windows (a tilt frame) an
 * emitting window hands its aggregate state on to the next one.
 */
final class WindowedSelect {
  private final Node.Select spec;
  private final List<WindowState> windows = new ArrayList<>();

  /** Thrown for errors that drop the event (bad guard, aggregate type errors, group limits). */
  static final class SelectException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What stays the same for this kind of failure (logs are rate-limited by it). */
    final String causeKey;

    SelectException(String message) {
      this(message, message);
    }

    SelectException(String message, String cause) {
      super(message, null, false, false);
      this.causeKey = cause;
    }
  }

  private static final class WindowState {
    final WindowSpec spec;
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Group> lastGroups = new LinkedHashMap<>();
    long nextSwap;

    WindowState(WindowSpec spec) {
      this.spec = spec;
    }
  }

  /** One group of one window: its window clock and its aggregates. */
  private final class Group {
    final Value group;
    Aggregate[] aggrs;
    long count;
    Long nextWindow;
    long events;

    /** The transactional events aggregated since the last emit. */
    TrackedEvents tracked = TrackedEvents.NONE;

    Group(Value group) {
      this.group = group;
      this.aggrs = freshAggregates();
    }

    void reset() {
      for (Aggregate a : aggrs) {
        a.init();
      }
      tracked = TrackedEvents.NONE;
    }
  }

  private record WindowEvent(boolean include, boolean emit) {
    static final WindowEvent NONE = new WindowEvent(false, false);
  }

  WindowedSelect(Node.Select spec) {
    this.spec = spec;
    for (WindowSpec w : spec.windows()) {
      windows.add(new WindowState(w));
    }
  }

  private Aggregate[] freshAggregates() {
    List<Expression.AggregateCall> calls =
        spec.target() == null ? List.of() : spec.target().aggregates();
    Aggregate[] out = new Aggregate[calls.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = calls.get(i).create();
    }
    return out;
  }

  // ----------------------------------------------------------------- events

  void onEvent(Event e, List<Event> out) throws SelectException {
    List<List<Value>> groups = new ArrayList<>();
    if (spec.groupBy() != null) {
      generate(spec.groupBy(), e, groups);
    }
    if (groups.isEmpty()) {
      List<Value> none = new ArrayList<>();
      none.add(Value.NULL);
      groups.add(none);
    }
    for (WindowState w : windows) {
      if (w.spec.evictionNs() > 0 && w.nextSwap < e.ingestNs()) {
        w.nextSwap = e.ingestNs() + w.spec.evictionNs();
        w.lastGroups.clear();
        Map<String, Group> t = w.groups;
        w.groups = w.lastGroups;
        w.lastGroups = t;
      }
    }
    for (List<Value> g : groups) {
      Value groupValue = Value.array(g);
      String key = Json.writeSorted(groupValue);
      List<Value> withKey = new ArrayList<>(g);
      withKey.add(Value.of(key));
      Value groupVar = Value.array(withKey);
      switch (windows.size()) {
        case 0 -> emit(e, Value.NULL, groupVar, null, null, out);
        case 1 -> single(e, key, groupValue, groupVar, out);
        default -> tilt(e, key, groupValue, groupVar, out);
      }
    }
  }

  private void generate(GroupBySpec g, Event e, List<List<Value>> groups) throws SelectException {
    switch (g) {
      case GroupBySpec.ByExpr x -> {
        Value v = x.expr().evaluate(e.data(), e.meta(), Value.NULL, Value.NULL);
        if (groups.isEmpty()) {
          List<Value> one = new ArrayList<>();
          one.add(v);
          groups.add(one);
        } else {
          for (List<Value> group : groups) {
            group.add(v);
          }
        }
      }
      case GroupBySpec.BySet s -> {
        for (GroupBySpec item : s.items()) {
          generate(item, e, groups);
        }
      }
      case GroupBySpec.ByEach each -> {
        Value v = each.expr().evaluate(e.data(), e.meta(), Value.NULL, Value.NULL);
        if (!(v instanceof Value.Arr a)) {
          throw new SelectException(
              "Conflicting types, got " + v.typeName() + " but expected array");
        }
        if (groups.isEmpty()) {
          for (Value item : a.items()) {
            List<Value> one = new ArrayList<>();
            one.add(item);
            groups.add(one);
          }
        } else {
          List<List<Value>> next = new ArrayList<>();
          for (List<Value> group : groups) {
            for (Value item : a.items()) {
              List<Value> copy = new ArrayList<>(group);
              copy.add(item);
              next.add(copy);
            }
          }
          groups.clear();
          groups.addAll(next);
        }
      }
    }
  }

  private Group group(WindowState w, String key, Value groupValue) throws SelectException {
    Group g = w.groups.get(key);
    if (g != null) {
      return g;
    }
    if (w.groups.size() >= w.spec.maxGroups()) {
      // Tremor's text, typo included (tremor-pipeline/src/errors.rs MaxGroups)
      String reached = "Maxmimum amount of groups reached (" + w.spec.maxGroups() + ")";
      throw new SelectException(reached + ". Ignoring group " + key, reached);
    }
    g = w.lastGroups.remove(key);
    if (g == null) {
      g = new Group(groupValue);
    }
    w.groups.put(key, g);
    return g;
  }

  private void single(Event e, String key, Value groupValue, Value groupVar, List<Event> out)
      throws SelectException {
    WindowState w = windows.get(0);
    Value window = Value.of(w.spec.name());
    Group g = group(w, key, groupValue);
    WindowEvent we = onWindowEvent(w.spec, g, e);
    if (we.emit() && !we.include()) {
      emit(e, window, groupVar, g.aggrs, g.tracked, out);
      g.reset();
    }
    accumulate(g, e);
    if (we.emit() && we.include()) {
      emit(e, window, groupVar, g.aggrs, g.tracked, out);
      g.reset();
    }
  }

  private void tilt(Event e, String key, Value groupValue, Value groupVar, List<Event> out)
      throws SelectException {
    List<WindowEvent> emitting = new ArrayList<>();
    for (WindowState w : windows) {
      Group g = group(w, key, groupValue);
      WindowEvent we = onWindowEvent(w.spec, g, e);
      if (we.emit()) {
        emitting.add(we);
      } else {
        break;
      }
    }
    boolean pending = !emitting.isEmpty() && !emitting.get(0).include();
    if (!pending) {
      accumulate(group(windows.get(0), key, groupValue), e);
    }
    Aggregate[] scratch1 = null;
    Aggregate[] scratch2;
    // the events behind each scratch, handed on with it (Tremor's event_id_scratch1/2)
    TrackedEvents tracked1 = TrackedEvents.NONE;
    TrackedEvents tracked2;
    boolean first = true;
    for (int i = 0; i < emitting.size(); i++) {
      WindowState w = windows.get(i);
      Value window = Value.of(w.spec.name());
      Group g = group(w, key, groupValue);
      if (emitting.get(i).include()) {
        if (!first) {
          merge(g.aggrs, scratch1);
          g.tracked = g.tracked.plus(tracked1);
        }
        emit(e, window, groupVar, g.aggrs, g.tracked, out);
        Aggregate[] before = g.aggrs;
        g.aggrs = scratch1 == null ? freshAggregates() : scratch1;
        scratch1 = before;
        tracked1 = g.tracked;
        g.reset();
      } else {
        emit(e, window, groupVar, g.aggrs, g.tracked, out);
        if (first) {
          Aggregate[] before = g.aggrs;
          g.aggrs = scratch1 == null ? freshAggregates() : scratch1;
          scratch1 = before;
          tracked1 = g.tracked;
          g.reset();
        } else {
          scratch2 = scratch1;
          tracked2 = tracked1;
          Aggregate[] before = g.aggrs;
          g.aggrs = freshAggregates();
          scratch1 = before;
          tracked1 = g.tracked;
          merge(g.aggrs, scratch2);
          g.tracked = tracked2;
        }
      }
      first = false;
    }
    if (pending) {
      accumulate(group(windows.get(0), key, groupValue), e);
    }
    if (!emitting.isEmpty() && emitting.size() < windows.size()) {
      Group next = group(windows.get(emitting.size()), key, groupValue);
      merge(next.aggrs, scratch1);
      next.tracked = next.tracked.plus(tracked1);
    }
  }

  private static void merge(Aggregate[] into, Aggregate[] from) throws SelectException {
    if (from == null) {
      return;
    }
    try {
      for (int i = 0; i < into.length; i++) {
        into[i].merge(from[i]);
      }
    } catch (FunctionException ex) {
      throw new SelectException(ex.getMessage());
    }
  }

  private void accumulate(Group g, Event e) throws SelectException {
    g.tracked = g.tracked.plus(e);
    List<Expression.AggregateCall> calls = spec.target().aggregates();
    for (int i = 0; i < calls.size(); i++) {
      List<Expression> argExprs = calls.get(i).args();
      List<Value> args = new ArrayList<>(argExprs.size());
      for (Expression a : argExprs) {
        args.add(a.evaluate(e.data(), e.meta(), Value.NULL, Value.NULL, null, context(e)));
      }
      try {
        g.aggrs[i].accumulate(args);
      } catch (FunctionException ex) {
        throw new SelectException(ex.getMessage());
      }
    }
  }

  /**
   * Emits the select's result for {@code e}; a window's event ({@code tracked} not null) stands for
   * the transactional events the window aggregated, so acks and fails reach their sources.
   */
  private void emit(
      Event e, Value window, Value group, Aggregate[] aggrs, TrackedEvents tracked, List<Event> out)
      throws SelectException {
    Value[] values = new Value[aggrs == null ? 0 : aggrs.length];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = aggrs[i].emit();
      }
    } catch (FunctionException ex) {
      throw new SelectException(ex.getMessage());
    }
    Value result =
        spec.target() == null
            ? e.data()
            : spec.target().evaluate(e.data(), e.meta(), window, group, values, context(e));
    if (spec.having() != null) {
      Value test = spec.having().evaluate(result, Value.NULL, window, group, values);
      if (!(test instanceof Value.Bool b)) {
        throw new SelectException(
            "Conflicting types, got " + test.typeName() + " but expected boolean");
      }
      if (!b.value()) {
        return;
      }
    }
    // as Tremor: the window's event keeps the operator metadata of the event that closed it
    Transit transit = tracked == null ? e.transit() : tracked.applyTo(e.transit());
    // Tremor copies a grouped or windowed select's result (select.rs, `into_static`): in Tremor's
    // key order that reorders its records
    out.add(
        KeyOrder.copied(new Event(e.id(), e.ingestNs(), result, e.meta(), e.stream(), transit)));
  }

  private static EventContext context(Event e) {
    return new EventContext(e.ingestNs(), Value.NULL);
  }

  // ---------------------------------------------------------------- windows

  private WindowEvent onWindowEvent(WindowSpec w, Group g, Event e) throws SelectException {
    if (w.byTime()) {
      g.events++;
      long time = w.script() == null ? e.ingestNs() : scripted(w, e);
      return timeEvent(w, g, time);
    }
    long weight = w.script() == null ? 1 : scripted(w, e);
    long next = g.count + weight;
    if (next >= w.size()) {
      g.count = next - w.size();
      return new WindowEvent(true, true);
    }
    g.count = next;
    return WindowEvent.NONE;
  }

  private static WindowEvent timeEvent(WindowSpec w, Group g, long time) {
    if (g.nextWindow == null) {
      g.nextWindow = time + w.interval();
      return WindowEvent.NONE;
    }
    if (g.nextWindow <= time) {
      boolean emit = g.events > 0 || w.emitEmpty();
      g.nextWindow = time + w.interval();
      g.events = 0;
      return new WindowEvent(false, emit);
    }
    return WindowEvent.NONE;
  }

  private static long scripted(WindowSpec w, Event e) throws SelectException {
    ScriptOutcome o;
    try {
      o = w.script().run(e.data(), e.meta(), Value.NULL);
    } catch (RuntimeException ex) {
      throw new SelectException(ex.getMessage());
    }
    if (!o.dropped() && o.value() instanceof Value.Int n && n.value() >= 0) {
      return n.value();
    }
    throw new SelectException("Data based window didn't provide a valid value");
  }

  // ------------------------------------------------------------------ ticks

  /** A tick at {@code nowNs}: time windows of the first window emit the groups whose time is up. */
  void onTick(long nowNs, List<Event> out) throws SelectException {
    if (windows.isEmpty()) {
      return;
    }
    for (WindowState w : windows) {
      if (w.spec.evictionNs() > 0 && w.nextSwap < nowNs) {
        w.nextSwap = nowNs + w.spec.evictionNs();
        w.lastGroups.clear();
        Map<String, Group> t = w.groups;
        w.groups = w.lastGroups;
        w.lastGroups = t;
      }
    }
    WindowState w = windows.get(0);
    if (!w.spec.byTime() || w.spec.script() != null) {
      return;
    }
    Event tick =
        new Event(new io.quiver.value.EventId(0, 0, 0), nowNs, Value.NULL, Value.EMPTY_OBJECT, 0);
    List<Map.Entry<String, Group>> all = new ArrayList<>(w.groups.entrySet());
    all.addAll(w.lastGroups.entrySet());
    for (Map.Entry<String, Group> entry : all) {
      Group g = entry.getValue();
      WindowEvent we = timeEvent(w.spec, g, nowNs);
      if (we.emit()) {
        List<Value> withKey = new ArrayList<>(((Value.Arr) g.group).items());
        withKey.add(Value.of(entry.getKey()));
        emit(tick, Value.of(w.spec.name()), Value.array(withKey), g.aggrs, g.tracked, out);
        g.reset();
      }
    }
  }

  boolean hasTimeWindows() {
    for (WindowState w : windows) {
      if (w.spec.byTime()) {
        return true;
      }
    }
    return false;
  }
}
