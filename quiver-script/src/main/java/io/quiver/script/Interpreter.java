package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Pattern;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates resolved expressions against one event. Stateless apart from the compiled program's
 * constants: everything that changes per event lives in the {@link Frame}. Follows Tremor's
 * semantics, including that an immutable expression whose value nobody uses (any but the last
 * statement) is not evaluated at all.
 */
final class Interpreter {
  private static final String NO_CLAUSE_HINT =
      "Consider adding a `default => null` clause at the"
          + " end of your match or validate full coverage beforehand.";

  private final Source source;
  private final FunctionRegistry functions;
  private final List<Value> consts;

  Interpreter(Source source, FunctionRegistry functions, List<Value> consts) {
    this.source = source;
    this.functions = functions;
    this.consts = consts;
  }

  /**
   * Runs a script body; the frame then holds the outcome (emit/drop) and the new event/meta/state.
   */
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
    return error(
        outer,
        inner,
        "Conflicting types, got " + ValueOps.typeName(got) + " but expected " + expected);
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
      case Expr.For fo -> {
        return comprehension(fo, f);
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
          throw error(
              Diagnostic.around(l.span(), "You are trying to assign to a value that isn't valid"));
        }
        f.meta = assignInto(f.meta, segs, 0, v, l, f);
      }
      case ARGS, WINDOW, GROUP, CONST -> {
        String name = p.root() == Expr.Root.CONST ? p.name() : p.root().keyword;
        throw error(Diagnostic.around(l.span(), "Can't assign to the `" + name + "` constant"));
      }
    }
  }

  private ScriptRuntimeException intoArray(Expr.Let l, Expr.Segment seg) {
    return error(
        Diagnostic.around(
            l.span(), seg.span(), "It is not supported to assign value into an array"));
  }

  private Value assignInto(
      Value current, List<Expr.Segment> segs, int i, Value v, Expr.Let l, Frame f) {
    if (i == segs.size()) {
      return v;
    }
    Expr.Segment seg = segs.get(i);
    String key =
        switch (seg) {
          case Expr.FieldSegment fs -> fs.name();
          case Expr.ElementSegment es -> {
            if (es.index() instanceof Expr.Literal lit && lit.value() instanceof Value.Int) {
              throw intoArray(l, seg);
            }
            yield evalString(es.index(), f);
          }
          case Expr.RangeSegment r -> throw intoArray(l, seg);
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
        for (int partIndex = 0; partIndex < s.parts().size(); partIndex++) {
          Expr.StrPart part = s.parts().get(partIndex);
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
        for (int itemIndex = 0; itemIndex < l.items().size(); itemIndex++) {
          Expr item = l.items().get(itemIndex);
          items.add(eval(item, f));
        }
        yield new Value.Arr(items); // owned: no copy
      }
      case Expr.RecordLit r -> {
        LinkedHashMap<String, Value> map = new LinkedHashMap<>();
        for (int fieldIndex = 0; fieldIndex < r.fields().size(); fieldIndex++) {
          Expr.Field field = r.fields().get(fieldIndex);
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
      case Expr.For fo -> comprehension(fo, f);
      case Expr.Patch pa -> patch(pa, f);
      case Expr.Merge me -> merge(me, f);
      case Expr.Call c -> call(c, f);
      case Expr.BinaryLit bl -> binaryLiteral(bl, f);
      case Expr.FnDecl fd -> Value.NULL;
      case Expr.Intrinsic in -> Value.NULL;
      case Expr.Module mo -> Value.NULL;
      case Expr.Recur r -> recur(r, f);
      case Expr.AggrCall a -> f.aggregates == null ? Value.NULL : f.aggregates[a.index()];
    };
  }

  // -------------------------------------------------------- binary literals

  private Value binaryLiteral(Expr.BinaryLit bl, Frame f) {
    BitWriter out = new BitWriter();
    for (Expr.BinPart p : bl.parts()) {
      Value v = eval(p.value(), f);
      if (p.type().equals("binary")) {
        byte[] bytes =
            switch (v) {
              case Value.Bytes b -> b.value();
              case Value.Str str -> str.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
              default -> null;
            };
        if (bytes != null && p.bits() > 0) {
          bytes = p.bits() <= bytes.length ? java.util.Arrays.copyOf(bytes, p.bits()) : null;
        }
        if (bytes == null) {
          throw error(bl.span(), p.span(), "Not a long enough binary: " + ValueOps.encode(v));
        }
        out.writeBytes(bytes);
      } else if (v instanceof Value.Int i && (p.signed() || i.value() >= 0)) {
        out.write(p.bits(), p.bigEndian(), i.value());
      } else {
        throw error(
            bl.span(),
            p.span(),
            (p.signed() ? "Not an signed integer: " : "Not an unsigned integer: ")
                + ValueOps.encode(v));
      }
    }
    return Value.of(out.finish());
  }

  // -------------------------------------------------------- comprehensions

  private Value comprehension(Expr.For fo, Frame f) {
    Value target = eval(fo.target(), f);
    List<Value> keys;
    List<Value> values;
    if (target instanceof Value.Obj o) {
      keys = new ArrayList<>(o.size());
      values = new ArrayList<>(o.size());
      for (var entry : o.fields().entrySet()) {
        keys.add(Value.of(entry.getKey()));
        values.add(entry.getValue());
      }
    } else if (target instanceof Value.Arr a) {
      keys = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        keys.add(Value.of(i));
      }
      values = a.items();
    } else {
      return Value.EMPTY_ARRAY;
    }
    List<Value> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      for (int cIndex = 0; cIndex < fo.cases().size(); cIndex++) {
        Expr.ForCase c = fo.cases().get(cIndex);
        f.locals[c.keySlot()] = keys.get(i);
        f.locals[c.valueSlot()] = values.get(i);
        if (c.guard() != null) {
          Value g = eval(c.guard(), f);
          if (!(g instanceof Value.Bool b)) {
            throw typeConflict(fo.span(), c.guard().span(), g, "boolean");
          }
          if (!b.value()) {
            continue;
          }
        }
        List<Expr> body = c.body();
        Value v = Value.NULL;
        for (int j = 0; j < body.size(); j++) {
          boolean last = j == body.size() - 1;
          if (fo.mutable()) {
            v = exec(body.get(j), f, last);
            if (f.halt != Frame.Halt.NONE) {
              return Value.NULL;
            }
          } else if (last) {
            v = eval(body.get(j), f);
          }
        }
        out.add(v);
        break;
      }
    }
    return new Value.Arr(out); // owned: no copy
  }

  // ---------------------------------------------------------- patch / merge

  private Value patch(Expr.Patch pa, Frame f) {
    Value target = eval(pa.target(), f);
    int n = pa.ops().size();
    String[] keys = new String[n];
    Value[] values = new Value[n];
    for (int i = 0; i < n; i++) {
      Expr.PatchOp op = pa.ops().get(i);
      keys[i] = op.key() == null ? null : evalString(op.key(), f);
      if (op.value() != null) {
        values[i] = eval(op.value(), f);
        if (op.kind() == Expr.PatchKind.MOVE || op.kind() == Expr.PatchKind.COPY) {
          if (!(values[i] instanceof Value.Str)) {
            throw typeConflict(op.value().span(), op.value().span(), values[i], "string");
          }
        }
      }
    }
    if (!(target instanceof Value.Obj obj)) {
      throw typeConflict(pa.target().span(), pa.target().span(), target, "record");
    }
    if (erasesOnly(pa)) {
      return obj.withoutAll(keys); // as the loop below would, without a map copy when it can
    }
    Map<String, Value> map = obj.editableFields();
    for (int i = 0; i < n; i++) {
      Expr.PatchOp op = pa.ops().get(i);
      String key = keys[i];
      switch (op.kind()) {
        case INSERT -> {
          if (map.containsKey(key)) {
            throw error(
                pa.span(),
                op.key().span(),
                "The key that is supposed to be written to already exists: " + key);
          }
          map.put(key, values[i]);
        }
        case UPDATE -> {
          if (!map.containsKey(key)) {
            throw error(
                pa.span(),
                op.key().span(),
                "The key that is supposed to be updated does not exists: " + key);
          }
          map.put(key, values[i]);
        }
        case UPSERT -> map.put(key, values[i]);
        case ERASE -> map.remove(key);
        case MOVE, COPY -> {
          String to = ((Value.Str) values[i]).value();
          if (map.containsKey(to)) {
            throw error(
                pa.span(),
                pa.span(),
                "The key that is supposed to be written to already exists: " + to);
          }
          Value old = op.kind() == Expr.PatchKind.MOVE ? map.remove(key) : map.get(key);
          if (old != null) {
            map.put(to, old);
          }
        }
        case MERGE -> {
          Value existing = map.get(key);
          if (existing == null) {
            map.put(key, mergeValues(Value.EMPTY_OBJECT, values[i]));
          } else if (existing instanceof Value.Obj) {
            map.put(key, mergeValues(existing, values[i]));
          } else {
            throw error(
                pa.span(),
                op.key().span(),
                "Merge can only be performed on keys that"
                    + " either do not exist or are records but the key '"
                    + key
                    + "' has the type "
                    + ValueOps.typeName(existing));
          }
        }
        case TUPLE_MERGE -> {
          Value merged = mergeValues(Value.obj(map), values[i]);
          if (!(merged instanceof Value.Obj mo)) {
            throw typeConflict(pa.span(), pa.target().span(), merged, "record");
          }
          map = mo.editableFields();
        }
      }
    }
    return Value.obj(map);
  }

  /** Whether every operation of {@code pa} is an {@code erase}. */
  private static boolean erasesOnly(Expr.Patch pa) {
    for (int i = 0; i < pa.ops().size(); i++) {
      if (pa.ops().get(i).kind() != Expr.PatchKind.ERASE) {
        return false;
      }
    }
    return true;
  }

  private Value merge(Expr.Merge me, Frame f) {
    Value target = eval(me.target(), f);
    if (!(target instanceof Value.Obj)) {
      throw typeConflict(me.target().span(), me.target().span(), target, "record");
    }
    Value replacement = eval(me.value(), f);
    if (!(replacement instanceof Value.Obj)) {
      throw typeConflict(me.value().span(), me.value().span(), replacement, "record");
    }
    return mergeValues(target, replacement);
  }

  /** Tremor's merge: records merge key by key (null erases), anything else replaces. */
  static Value mergeValues(Value value, Value replacement) {
    if (value instanceof Value.Obj target && replacement instanceof Value.Obj rep) {
      Map<String, Value> map = target.editableFields();
      for (var entry : rep.fields().entrySet()) {
        Value v = entry.getValue();
        if (v instanceof Value.Null) {
          map.remove(entry.getKey());
        } else {
          Value existing = map.get(entry.getKey());
          map.put(entry.getKey(), existing == null ? v : mergeValues(existing, v));
        }
      }
      return Value.obj(map);
    }
    return replacement;
  }

  // ------------------------------------------------------------- functions

  /** Unwinds nested calls; the outermost call reports the limit at its own span. */
  private static final class NestingLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NestingLimit() {
      super("Recursion limit Reached", null, false, false);
    }
  }

  /** Nested user calls run on the caller's thread before the first hop to a fresh stack. */
  static final int CALLS_ON_CALLER = 8;

  /** Nested user calls per {@link StackSegments} thread. */
  static final int CALLS_PER_SEGMENT = 128;

  /**
   * What {@code recur(...)} evaluates to (by identity): the function invocation that sees it as its
   * result binds the new arguments and runs again, as Tremor's custom_fn.rs loop does.
   */
  private static final Value RECUR = new Value.Str(new String("recur"));

  private Value call(Expr.Call c, Frame f) {
    Resolver.UserFunction fn = (Resolver.UserFunction) c.target().compiled;
    List<Value> args = new ArrayList<>(c.args().size());
    for (int aIndex = 0; aIndex < c.args().size(); aIndex++) {
      Expr a = c.args().get(aIndex);
      args.add(eval(a, f));
    }
    try {
      if (f.depth >= RecursionLimit.get()) {
        throw new NestingLimit();
      }
      Frame inner = new Frame(f.event, f.meta, f.state, Value.EMPTY_ARRAY, Math.max(fn.slots(), 1));
      inner.context = f.context;
      inner.depth = f.depth + 1;
      inner.onSegment = f.onSegment;
      inner.segmentCalls = f.segmentCalls + 1;
      if (inner.segmentCalls > (f.onSegment ? CALLS_PER_SEGMENT : CALLS_ON_CALLER)) {
        inner.onSegment = true;
        inner.segmentCalls = 1;
        return StackSegments.run(() -> invoke(fn, c, args, inner));
      }
      return invoke(fn, c, args, inner);
    } catch (NestingLimit e) {
      if (f.depth == 0) {
        throw error(Diagnostic.around(c.span(), "Recursion limit Reached"));
      }
      throw e;
    }
  }

  /** Runs one invocation of {@code fn}, looping while its body ends in {@code recur}. */
  private Value invoke(Resolver.UserFunction fn, Expr.Call c, List<Value> args, Frame inner) {
    int limit = RecursionLimit.get();
    int recursions = 0;
    while (true) {
      bind(fn, args, inner);
      Value v = body(fn, args, inner);
      if (v != RECUR) {
        return v;
      }
      // tremor-script/src/registry/custom_fn.rs: the limit-th recur fails, reported at the call
      if (++recursions >= limit) {
        throw error(Diagnostic.around(c.span(), "Recursion limit Reached"));
      }
      args = inner.recurArgs;
      inner.recurArgs = null;
    }
  }

  /**
   * Parameters into the first locals, the rest cleared; extra arguments of a varargs fn in args.
   */
  private static void bind(Resolver.UserFunction fn, List<Value> args, Frame inner) {
    java.util.Arrays.fill(inner.locals, null);
    inner.args =
        fn.varargs() && args.size() > fn.arity()
            ? Value.array(args.subList(fn.arity(), args.size()))
            : Value.EMPTY_ARRAY;
    for (int i = 0; i < fn.arity() && i < args.size(); i++) {
      inner.locals[i] = args.get(i);
    }
  }

  private Value body(Resolver.UserFunction fn, List<Value> args, Frame inner) {
    if (fn.body() != null) {
      Value v = Value.NULL;
      for (Expr e : fn.body()) {
        v = exec(e, inner, true);
      }
      return v;
    }
    Value target = Value.array(args);
    Expr.Match m = new Expr.Match(null, fn.clauses(), fn.span());
    for (Expr.Clause clause : fn.clauses()) {
      boolean matched;
      if (clause.pattern() instanceof Pattern.TuplePattern tp) {
        // the matched (extracted) values become the parameters
        Value bound = matchTuple(m, tp, target, inner, true);
        if (bound instanceof Value.Arr values) {
          for (int i = 0; i < fn.arity() && i < values.size(); i++) {
            inner.locals[i] = values.get(i);
          }
        }
        matched = bound != null && guard(m, clause.guard(), inner);
      } else {
        matched = test(m, clause.pattern(), clause.guard(), target, inner);
      }
      if (matched) {
        Value v = Value.NULL;
        for (Expr e : clause.body()) {
          v = exec(e, inner, true);
        }
        return v;
      }
    }
    throw error(
        new Diagnostic(
            "A match expression executed but no clause matched",
            fn.span().expandLines(2),
            fn.span(),
            NO_CLAUSE_HINT));
  }

  /** {@code recur(args)}: evaluates the new arguments and hands them to the running invocation. */
  private Value recur(Expr.Recur r, Frame f) {
    if (f.depth == 0) {
      throw error(r.span(), r.span(), "Can not recur from this location");
    }
    List<Value> args = new ArrayList<>(r.args().size());
    for (Expr a : r.args()) {
      args.add(eval(a, f));
    }
    f.recurArgs = args;
    return RECUR;
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
    for (int aIndex = 0; aIndex < i.args().size(); aIndex++) {
      Expr a = i.args().get(aIndex);
      args.add(eval(a, f));
    }
    // one segment (the usual `m::f`) needs no join: its string keeps its cached hash for find()
    String module = i.module().size() == 1 ? i.module().get(0) : String.join("::", i.module());
    if (module.equals("origin")
        || (module.equals("system") && i.function().equals("ingest_ns"))
        || module.equals(CncfOtel.MODULE)) {
      return contextual(module, i.function(), f.context);
    }
    FunctionRegistry.Function fn = functions.find(module, i.function());
    try {
      return fn.body().call(args);
    } catch (FunctionRegistry.FunctionException ex) {
      String name = module + "::" + i.function() + "/" + args.size();
      String message =
          ex.badType()
              ? "Bad type passed to function " + name
              : "Runtime error in function " + name + ": " + ex.getMessage();
      throw error(Diagnostic.around(i.span(), message));
    }
  }

  /** The functions that read the event's context rather than their arguments. */
  private static Value contextual(String module, String function, EventContext ctx) {
    if (module.equals("system")) {
      return Value.of(ctx.ingestNs());
    }
    if (module.equals(CncfOtel.MODULE)) {
      return CncfOtel.call(function, ctx.ingestNs());
    }
    Value.Obj origin = ctx.origin() instanceof Value.Obj o ? o : null;
    if (function.equals("as_uri_string")) {
      String uri = ctx.originUri();
      return uri == null ? Value.NULL : Value.of(uri);
    }
    if (origin == null) {
      return Value.NULL;
    }
    Value v =
        switch (function) {
          case "as_uri_record" -> origin;
          default -> origin.get(function);
        };
    return v == null ? Value.NULL : v;
  }

  private Value root(Expr.Path p, Frame f) {
    return switch (p.root()) {
      case EVENT -> f.event;
      case META -> f.meta;
      case STATE -> f.state;
      case ARGS -> f.args;
      case WINDOW -> f.window;
      case GROUP -> f.group;
      case LOCAL -> f.locals[p.slot()];
      case CONST -> consts.get(p.slot());
    };
  }

  private Value resolve(Expr.Path p, Frame f) {
    Value current = root(p, f);
    if (current == null) {
      throw badKey(p, p.span(), p.name(), List.of(), p.span());
    }
    for (int segIndex = 0; segIndex < p.segments().size(); segIndex++) {
      Expr.Segment seg = p.segments().get(segIndex);
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
            throw error(
                p.span(),
                seg.span(),
                "A range's end cannot be smaller than its start, "
                    + from
                    + ":"
                    + to
                    + " is invalid");
          }
          if (to > a.size()) {
            throw error(
                p.span(),
                seg.span(),
                "Array index out of bounds, got index range "
                    + from
                    + ":"
                    + to
                    + " but expected a subrange of 0:"
                    + a.size());
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
        throw error(
            p.span(),
            seg.span(),
            "Array index out of bounds, got index "
                + idx
                + " but expected an index in the range 0:"
                + a.size());
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
        throw error(
            p.span(),
            span,
            "Bad array index, got `"
                + i.value()
                + "` but expected an index in the range 0:"
                + length);
      }
      return (int) i.value();
    }
    throw typeConflict(p.span(), span, v, "integer");
  }

  private ScriptRuntimeException badKey(
      Expr.Path p, Span inner, String key, List<String> options, Span outer) {
    String where =
        switch (p.root()) {
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
    Diagnostic d =
        Diagnostic.at(
                outer, inner, "Trying to access a non existing " + where + " key `" + key + "`")
            .withHint(hint);
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
    for (int segIndex = 0; segIndex < p.segments().size(); segIndex++) {
      Expr.Segment seg = p.segments().get(segIndex);
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
          if (!(from instanceof Value.Int fi)
              || !(to instanceof Value.Int ti)
              || fi.value() < 0
              || ti.value() < fi.value()
              || ti.value() > a.size()) {
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
    for (int cIndex = 0; cIndex < m.clauses().size(); cIndex++) {
      Expr.Clause c = m.clauses().get(cIndex);
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
    throw error(
        new Diagnostic(
            "A match expression executed but no clause matched",
            m.span().expandLines(2),
            m.span(),
            NO_CLAUSE_HINT));
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
      case Pattern.Extract x -> {
        return Extractors.extract(x.extractor(), target, false) != null && guard(m, guard, f);
      }
      case Pattern.ArrayPattern ap -> {
        return matchArray(m, ap, target, f, false) != null && guard(m, guard, f);
      }
      case Pattern.TuplePattern tp -> {
        return matchTuple(m, tp, target, f, false) != null && guard(m, guard, f);
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
          case Pattern.ArrayPattern ap -> bound = matchArray(m, ap, target, f, true);
          case Pattern.TuplePattern tp -> bound = matchTuple(m, tp, target, f, true);
          case Pattern.Extract x -> bound = Extractors.extract(x.extractor(), target, true);
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

  /** Array pattern: every item matches some element; the result lists [index, match] pairs. */
  private Value matchArray(
      Expr.Match m, Pattern.ArrayPattern ap, Value target, Frame f, boolean collect) {
    if (!(target instanceof Value.Arr a)) {
      return null;
    }
    if (ap.items().isEmpty()) {
      return Value.EMPTY_ARRAY;
    }
    List<Value> acc = new ArrayList<>();
    for (int itemIndex = 0; itemIndex < ap.items().size(); itemIndex++) {
      Pattern.Item item = ap.items().get(itemIndex);
      boolean matched = false;
      if (item instanceof Pattern.IgnoreItem) {
        matched = a.size() > 0;
      } else {
        for (int idx = 0; idx < a.size(); idx++) {
          Value r = matchItem(m, item, a.get(idx), f, collect);
          if (r != null) {
            matched = true;
            if (collect) {
              acc.add(Value.array(Value.of(idx), r));
            } else {
              break;
            }
          }
        }
      }
      if (!matched) {
        return null;
      }
    }
    return Value.array(acc);
  }

  private Value matchTuple(
      Expr.Match m, Pattern.TuplePattern tp, Value target, Frame f, boolean collect) {
    if (!(target instanceof Value.Arr a)) {
      return null;
    }
    int n = tp.items().size();
    if ((tp.open() && a.size() < n) || (!tp.open() && a.size() != n)) {
      return null;
    }
    List<Value> acc = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Pattern.Item item = tp.items().get(i);
      Value r =
          item instanceof Pattern.IgnoreItem ? a.get(i) : matchItem(m, item, a.get(i), f, collect);
      if (r == null) {
        return null;
      }
      acc.add(r);
    }
    return Value.array(acc);
  }

  private Value matchItem(
      Expr.Match m, Pattern.Item item, Value candidate, Frame f, boolean collect) {
    return switch (item) {
      case Pattern.IgnoreItem i -> candidate;
      case Pattern.ExprItem e -> {
        Value v = eval(e.expr(), f);
        yield ValueOps.equal(candidate, v) ? v : null;
      }
      case Pattern.ExtractItem x -> Extractors.extract(x.extractor(), candidate, collect);
      case Pattern.RecordItem r -> matchRecord(m, r.pattern(), candidate, f, collect);
    };
  }

  /** The matched fields as a record, or null when the pattern does not match. */
  private Value matchRecord(
      Expr.Match m, Pattern.RecordPattern rp, Value target, Frame f, boolean collect) {
    if (!(target instanceof Value.Obj record)) {
      return null;
    }
    LinkedHashMap<String, Value> acc = collect ? new LinkedHashMap<>() : null;
    for (int testIndex = 0; testIndex < rp.fields().size(); testIndex++) {
      Pattern.FieldTest test = rp.fields().get(testIndex);
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
        case Pattern.FieldExtract x -> {
          if (v == null) {
            return null;
          }
          Value r = Extractors.extract(x.extractor(), v, collect);
          if (r == null) {
            return null;
          }
          if (collect) {
            acc.put(x.assign(), r);
          }
        }
        case Pattern.FieldArray fa -> {
          if (v == null) {
            return null;
          }
          Value r = matchArray(m, fa.pattern(), v, f, collect);
          if (r == null) {
            return null;
          }
          if (collect) {
            acc.put(test.key(), r);
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
