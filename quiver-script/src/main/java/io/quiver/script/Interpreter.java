package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Pattern;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Evaluates resolved expressions against one event. Stateless apart from the compiled program's
 * constants: everything that changes per event lives in the {@link Frame}. Follows Tremor's
 * semantics, including that an immutable expression whose value nobody uses (any but the last
 * statement) is not evaluated at all.
 */
final class Interpreter {
  private static final String NO_CLAUSE_HINT = "Consider adding a `default => null` clause at the"
      + " end of your match or validate full coverage beforehand.";

  private final Source source;
  private final FunctionRegistry functions;
  private final List<Value> consts;

  Interpreter(Source source, FunctionRegistry functions, List<Value> consts) {
    this.source = source;
    this.functions = functions;
    this.consts = consts;
  }

  /** Runs a script body; the frame then holds the outcome (emit/drop) and the new event/meta/state. */
  void run(List<Expr> exprs, Frame f) {
    int n = exprs.size();
    for (int i = 0; i < n; i++) {
      boolean last = i == n - 1;
      Value v = exec(exprs.get(i), f, last);
      if (f.halt != Frame.Halt.NONE) {
        return;
      }
      if (last) {
        f.emit(v, null);
      }
    }
    if (n == 0) {
      f.emitEvent(null);
    }
  }

  /** Evaluates one immutable expression (select targets, guards...). */
  Value evaluate(Expr e, Frame f) {
    return eval(e, f);
  }

  private ScriptRuntimeException error(Span outer, Span inner, String message) {
    return new ScriptRuntimeException(source, Diagnostic.at(outer, inner, message));
  }

  private ScriptRuntimeException error(Diagnostic d) {
    return new ScriptRuntimeException(source, d);
  }

  private ScriptRuntimeException typeConflict(Span outer, Span inner, Value got, String expected) {
    return error(outer, inner, "Conflicting types, got " + ValueOps.typeName(got) + " but expected "
        + expected);
  }

  // ------------------------------------------------------------- statements

  private Value exec(Expr e, Frame f, boolean resultNeeded) {
    switch (e) {
      case Expr.Let l -> {
        Value v = exec(l.value(), f, true);
        if (f.halt != Frame.Halt.NONE) {
          return Value.NULL;
        }
        assign(l, v, f);
        return v;
      }
      case Expr.Emit em -> {
        String port = em.port() == null ? null : evalString(em.port(), f);
        if (em.value() == null) {
          f.emitEvent(port);
        } else {
          f.emit(eval(em.value(), f), port);
        }
        return Value.NULL;
      }
      case Expr.Drop d -> {
        f.drop();
        return Value.NULL;
      }
      case Expr.Match m -> {
        return match(m, f, resultNeeded, true);
      }
      default -> {
        return resultNeeded ? eval(e, f) : Value.NULL;
      }
    }
  }

  private String evalString(Expr e, Frame f) {
    Value v = eval(e, f);
    if (v instanceof Value.Str s) {
      return s.value();
    }
    throw typeConflict(e.span(), e.span(), v, "string");
  }

  private void assign(Expr.Let l, Value v, Frame f) {
    Expr.Path p = l.target();
    List<Expr.Segment> segs = p.segments();
    switch (p.root()) {
      case LOCAL -> {
        if (segs.isEmpty()) {
          f.locals[p.slot()] = v;
        } else {
          Value base = f.locals[p.slot()];
          if (base == null) {
            throw badKey(p, p.span(), p.name(), List.of(), p.span());
          }
          f.locals[p.slot()] = assignInto(base, segs, 0, v, l, f);
        }
      }
      case EVENT -> f.event = segs.isEmpty() ? v : assignInto(f.event, segs, 0, v, l, f);
      case STATE -> f.state = segs.isEmpty() ? v : assignInto(f.state, segs, 0, v, l, f);
      case META -> {
        if (segs.isEmpty()) {
          throw error(new Diagnostic("You are trying to assign to a value that isn't valid",
              l.span().expandLines(2), l.span(), null));
        }
        f.meta = assignInto(f.meta, segs, 0, v, l, f);
      }
      case ARGS, WINDOW, GROUP, CONST -> {
        String name = p.root() == Expr.Root.CONST ? p.name() : p.root().keyword;
        throw error(new Diagnostic("Can't assign to the `" + name + "` constant",
            l.span().expandLines(2), l.span(), null));
      }
    }
  }

  private Value assignInto(Value current, List<Expr.Segment> segs, int i, Value v, Expr.Let l,
      Frame f) {
    if (i == segs.size()) {
      return v;
    }
    Expr.Segment seg = segs.get(i);
    String key = switch (seg) {
      case Expr.FieldSegment fs -> fs.name();
      case Expr.ElementSegment es -> {
        if (es.index() instanceof Expr.Literal lit && lit.value() instanceof Value.Int) {
          throw error(new Diagnostic("It is not supported to assign value into an array",
              l.span().expandLines(2), seg.span(), null));
        }
        yield evalString(es.index(), f);
      }
      case Expr.RangeSegment r -> throw error(new Diagnostic(
          "It is not supported to assign value into an array", l.span().expandLines(2),
          seg.span(), null));
    };
    if (!(current instanceof Value.Obj o)) {
      throw typeConflict(l.span(), seg.span(), current, "record");
    }
    Value child = o.get(key);
    if (child == null) {
      child = Value.EMPTY_OBJECT;
    }
    return o.with(key, assignInto(child, segs, i + 1, v, l, f));
  }

  // ------------------------------------------------------------ expressions

  private Value eval(Expr e, Frame f) {
    return switch (e) {
      case Expr.Literal l -> l.value();
      case Expr.Path p -> resolve(p, f);
      case Expr.Binary b -> binary(b, f);
      case Expr.Unary u -> {
        Value v = eval(u.operand(), f);
        try {
          yield ValueOps.unary(u.op(), v);
        } catch (ValueOps.OperatorException ex) {
          throw error(u.span(), u.operand().span(), ex.getMessage());
        }
      }
      case Expr.StringLit s -> {
        StringBuilder out = new StringBuilder();
        for (Expr.StrPart part : s.parts()) {
          switch (part) {
            case Expr.Text t -> out.append(t.text());
            case Expr.Interpolation in -> {
              Value v = eval(in.expr(), f);
              out.append(v instanceof Value.Str str ? str.value() : ValueOps.encode(v));
            }
          }
        }
        yield Value.of(out.toString());
      }
      case Expr.ListLit l -> {
        List<Value> items = new ArrayList<>(l.items().size());
        for (Expr item : l.items()) {
          items.add(eval(item, f));
        }
        yield Value.array(items);
      }
      case Expr.RecordLit r -> {
        LinkedHashMap<String, Value> map = new LinkedHashMap<>();
        for (Expr.Field field : r.fields()) {
          Value value = eval(field.value(), f);
          map.put(evalString(field.key(), f), value);
        }
        yield Value.obj(map);
      }
      case Expr.Present p -> Value.of(present(p.path(), f));
      case Expr.Invoke i -> invoke(i, f);
      case Expr.Match m -> match(m, f, true, false);
      case Expr.Let l -> exec(l, f, true);
      case Expr.Emit em -> exec(em, f, true);
      case Expr.Drop d -> exec(d, f, true);
      case Expr.Const c -> Value.NULL;
    };
  }

  private Value binary(Expr.Binary b, Frame f) {
    Value l = eval(b.left(), f);
    Value r = eval(b.right(), f);
    try {
      return ValueOps.binary(b.op(), l, r);
    } catch (ValueOps.OperatorException ex) {
      throw error(b.span(), b.span(), ex.getMessage());
    }
  }

  private Value invoke(Expr.Invoke i, Frame f) {
    List<Value> args = new ArrayList<>(i.args().size());
    for (Expr a : i.args()) {
      args.add(eval(a, f));
    }
    String module = String.join("::", i.module());
    FunctionRegistry.Function fn = functions.find(module, i.function());
    try {
      return fn.body().call(args);
    } catch (FunctionRegistry.FunctionException ex) {
      String name = module + "::" + i.function() + "/" + args.size();
      String message = ex.badType() ? "Bad type passed to function " + name
          : "Runtime error in function " + name + ": " + ex.getMessage();
      throw error(new Diagnostic(message, i.span().expandLines(2), i.span(), null));
    }
  }

  private Value root(Expr.Path p, Frame f) {
    return switch (p.root()) {
      case EVENT -> f.event;
      case META -> f.meta;
      case STATE -> f.state;
      case ARGS -> f.args;
      case WINDOW, GROUP -> Value.NULL;
      case LOCAL -> f.locals[p.slot()];
      case CONST -> consts.get(p.slot());
    };
  }

  private Value resolve(Expr.Path p, Frame f) {
    Value current = root(p, f);
    if (current == null) {
      throw badKey(p, p.span(), p.name(), List.of(), p.span());
    }
    for (Expr.Segment seg : p.segments()) {
      switch (seg) {
        case Expr.FieldSegment fs -> {
          if (current instanceof Value.Obj o) {
            Value next = o.get(fs.name());
            if (next == null) {
              throw badKey(p, seg.span(), fs.name(), List.copyOf(o.fields().keySet()), p.span());
            }
            current = next;
          } else {
            throw typeConflict(p.span(), seg.span(), current, "record");
          }
        }
        case Expr.ElementSegment es -> {
          Value key = eval(es.index(), f);
          current = element(p, seg, current, key);
        }
        case Expr.RangeSegment rs -> {
          if (!(current instanceof Value.Arr a)) {
            throw typeConflict(p.span(), seg.span(), current, "array");
          }
          int from = toIndex(p, rs.from(), eval(rs.from(), f), a.size());
          int to = toIndex(p, rs.to(), eval(rs.to(), f), a.size());
          if (to < from) {
            throw error(p.span(), seg.span(), "A range's end cannot be smaller than its start, "
                + from + ":" + to + " is invalid");
          }
          if (to > a.size()) {
            throw error(p.span(), seg.span(), "Array index out of bounds, got index range " + from
                + ":" + to + " but expected a subrange of 0:" + a.size());
          }
          current = Value.array(a.items().subList(from, to));
        }
      }
    }
    return current;
  }

  private Value element(Expr.Path p, Expr.Segment seg, Value current, Value key) {
    if (current instanceof Value.Obj o) {
      if (key instanceof Value.Str s) {
        Value next = o.get(s.value());
        if (next == null) {
          throw badKey(p, seg.span(), s.value(), List.copyOf(o.fields().keySet()), p.span());
        }
        return next;
      }
      throw typeConflict(p.span(), seg.span(), key, "string");
    }
    if (current instanceof Value.Arr a) {
      int idx = toIndex(p, seg, key, a.size());
      if (idx >= a.size()) {
        throw error(p.span(), seg.span(), "Array index out of bounds, got index " + idx
            + " but expected an index in the range 0:" + a.size());
      }
      return a.get(idx);
    }
    if (key instanceof Value.Int i && i.value() >= 0) {
      throw typeConflict(p.span(), seg.span(), current, "array");
    }
    throw typeConflict(p.span(), seg.span(), current, "record");
  }

  private int toIndex(Expr.Path p, Object at, Value v, int length) {
    Span span = at instanceof Expr e ? e.span() : ((Expr.Segment) at).span();
    if (v instanceof Value.Int i) {
      if (i.value() < 0 || i.value() > Integer.MAX_VALUE) {
        throw error(p.span(), span, "Bad array index, got `" + i.value()
            + "` but expected an index in the range 0:" + length);
      }
      return (int) i.value();
    }
    throw typeConflict(p.span(), span, v, "integer");
  }

  private ScriptRuntimeException badKey(Expr.Path p, Span inner, String key, List<String> options,
      Span outer) {
    String where = switch (p.root()) {
      case EVENT -> "event";
      case META -> "global";
      case STATE -> "state";
      default -> "local";
    };
    String hint = null;
    if (where.equals("local")) {
      if ("nil".equals(key)) {
        hint = "Did you mean null?";
      } else {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("event", "true", "false", "null"));
        hint = bestHint(key, all);
      }
    } else if (!where.equals("state")) {
      hint = bestHint(key, options);
    }
    Diagnostic d = Diagnostic.at(outer, inner,
        "Trying to access a non existing " + where + " key `" + key + "`").withHint(hint);
    return error(d);
  }

  private static String bestHint(String key, List<String> options) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String o : options) {
      int d = EditDistance.damerauLevenshtein(key, o);
      if (d <= 2 && (d < bestDistance || (d == bestDistance && o.compareTo(best) < 0))) {
        best = o;
        bestDistance = d;
      }
    }
    return best == null ? null : "Did you mean to use `" + best + "`?";
  }

  private boolean present(Expr.Path p, Frame f) {
    Value current = root(p, f);
    if (current == null) {
      return false;
    }
    for (Expr.Segment seg : p.segments()) {
      switch (seg) {
        case Expr.FieldSegment fs -> {
          if (!(current instanceof Value.Obj o) || (current = o.get(fs.name())) == null) {
            return false;
          }
        }
        case Expr.ElementSegment es -> {
          Value key = eval(es.index(), f);
          if (current instanceof Value.Obj o && key instanceof Value.Str s) {
            current = o.get(s.value());
            if (current == null) {
              return false;
            }
          } else if (current instanceof Value.Arr a && key instanceof Value.Int i) {
            if (i.value() < 0 || i.value() >= a.size()) {
              return false;
            }
            current = a.get((int) i.value());
          } else {
            return false;
          }
        }
        case Expr.RangeSegment rs -> {
          if (!(current instanceof Value.Arr a)) {
            return false;
          }
          Value from = eval(rs.from(), f);
          Value to = eval(rs.to(), f);
          if (!(from instanceof Value.Int fi) || !(to instanceof Value.Int ti)
              || fi.value() < 0 || ti.value() < fi.value() || ti.value() > a.size()) {
            return false;
          }
          current = Value.array(a.items().subList((int) fi.value(), (int) ti.value()));
        }
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ match

  private Value match(Expr.Match m, Frame f, boolean resultNeeded, boolean mutable) {
    Value target = eval(m.target(), f);
    for (Expr.Clause c : m.clauses()) {
      if (test(m, c.pattern(), c.guard(), target, f)) {
        List<Expr> body = c.body();
        int n = body.size();
        for (int i = 0; i < n - 1; i++) {
          if (mutable) {
            exec(body.get(i), f, false);
            if (f.halt != Frame.Halt.NONE) {
              return Value.NULL;
            }
          }
        }
        Expr last = body.get(n - 1);
        return mutable ? exec(last, f, resultNeeded) : eval(last, f);
      }
    }
    throw error(new Diagnostic("A match expression executed but no clause matched",
        m.span().expandLines(2), m.span(), NO_CLAUSE_HINT));
  }

  private boolean guard(Expr.Match m, Expr guard, Frame f) {
    if (guard == null) {
      return true;
    }
    Value v = eval(guard, f);
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    throw typeConflict(m.span(), guard.span(), v, "boolean");
  }

  private boolean test(Expr.Match m, Pattern pattern, Expr guard, Value target, Frame f) {
    switch (pattern) {
      case Pattern.Default d -> {
        return true;
      }
      case Pattern.DontCare d -> {
        return guard(m, guard, f);
      }
      case Pattern.ExprPattern ep -> {
        return ValueOps.equal(target, eval(ep.expr(), f)) && guard(m, guard, f);
      }
      case Pattern.RecordPattern rp -> {
        return matchRecord(m, rp, target, f, false) != null && guard(m, guard, f);
      }
      case Pattern.Assign a -> {
        Value bound;
        switch (a.pattern()) {
          case Pattern.DontCare d -> bound = target;
          case Pattern.ExprPattern ep -> {
            Value v = eval(ep.expr(), f);
            bound = ValueOps.equal(target, v) ? v : null;
          }
          case Pattern.RecordPattern rp -> bound = matchRecord(m, rp, target, f, true);
          default -> throw error(m.span(), a.span(), "nested assign pattern");
        }
        if (bound == null) {
          return false;
        }
        f.locals[a.slot()] = bound;
        return guard(m, guard, f);
      }
    }
  }

  /** The matched fields as a record, or null when the pattern does not match. */
  private Value matchRecord(Expr.Match m, Pattern.RecordPattern rp, Value target, Frame f,
      boolean collect) {
    if (!(target instanceof Value.Obj record)) {
      return null;
    }
    LinkedHashMap<String, Value> acc = collect ? new LinkedHashMap<>() : null;
    for (Pattern.FieldTest test : rp.fields()) {
      Value v = record.get(test.key());
      switch (test) {
        case Pattern.FieldPresent p -> {
          if (v == null) {
            return null;
          }
          if (collect) {
            acc.put(test.key(), v);
          }
        }
        case Pattern.FieldAbsent a -> {
          if (v != null) {
            return null;
          }
        }
        case Pattern.FieldCompare c -> {
          if (v == null) {
            return null;
          }
          Value rhs = eval(c.value(), f);
          Value result;
          try {
            result = ValueOps.binary(c.op(), v, rhs);
          } catch (ValueOps.OperatorException ex) {
            throw error(m.span(), m.span(), ex.getMessage());
          }
          if (!(result instanceof Value.Bool b && b.value())) {
            return null;
          }
        }
        case Pattern.FieldRecord r -> {
          if (v == null) {
            return null;
          }
          Value sub = matchRecord(m, r.pattern(), v, f, collect);
          if (sub == null) {
            return null;
          }
          if (collect) {
            acc.put(test.key(), sub);
          }
        }
      }
    }
    return collect ? Value.obj(acc) : Value.EMPTY_OBJECT;
  }
}
