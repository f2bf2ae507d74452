package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Pattern;
import io.quiver.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Second phase: gives every local variable a slot (with clause-scoped slots for {@code case x =
 * ...} bindings, as Tremor's shadow variables), evaluates constants, folds operations on literals
 * (reporting Tremor's compile-time type errors, e.g. {@code "a" + 1}), turns literal string
 * selectors into field segments, and checks functions exist. Problems go to {@link Diagnostics}.
 */
final class Resolver {
  private final Source source;
  private final Diagnostics diagnostics;
  private final FunctionRegistry functions;
  private final Map<String, Integer> locals = new HashMap<>();
  private final Deque<Map<String, Integer>> shadows = new ArrayDeque<>();
  private final Map<String, Integer> constSlots = new HashMap<>();
  private final List<Value> constValues = new ArrayList<>();
  private int slotCount;

  /** The module we are in ({@code mod a with mod b with ...} is [a, b]). */
  private final List<String> prefix = new ArrayList<>();

  /** The module files being resolved, innermost first (their problems are reported in them). */
  private final Deque<Source> origins = new ArrayDeque<>();

  /** User functions by qualified name ({@code a::b::f}). */
  private final Map<String, Expr.FunctionRef> userFunctions = new HashMap<>();

  /** {@code intrinsic fn} aliases by qualified name: the registry function they stand for. */
  private final Map<String, FunctionRegistry.Function> intrinsics = new HashMap<>();

  /** Select targets: aggregate calls found so far (null: aggregates are not allowed). */
  private List<Expr.AggrCall> aggregates;

  /** The aggregate whose arguments are being resolved, or null. */
  private Expr.AggrCall outerAggregate;

  /** In a windowed select target: the group-by expressions' texts, with their index in group. */
  private Map<String, Integer> groupByTexts;

  private int groupByDepth;

  /** Where the select statement starts (aggregate errors underline from there, as Tremor). */
  private Position statementStart;

  /** The function being resolved (for {@code recur}), or null. */
  private Expr.FunctionRef currentFunction;

  Resolver(Source source, Diagnostics diagnostics, FunctionRegistry functions) {
    this.source = source;
    this.diagnostics = diagnostics;
    this.functions = functions;
  }

  int slotCount() {
    return slotCount;
  }

  List<Value> constValues() {
    return List.copyOf(constValues);
  }

  /** Resolves a script body; {@code const} declarations are evaluated and removed (unless last). */
  List<Expr> resolveScript(List<Expr> exprs) {
    List<Expr> out = new ArrayList<>(exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      Expr e = exprs.get(i);
      if (e instanceof Expr.FnDecl || e instanceof Expr.Intrinsic || e instanceof Expr.Module) {
        declare(e);
        continue;
      }
      if (e instanceof Expr.Const c) {
        Expr.Literal lit = declareConst(c);
        if (lit != null && i == exprs.size() - 1) {
          out.add(lit);
        }
        continue;
      }
      out.add(resolve(e));
    }
    return out;
  }

  private String qualified(String name) {
    return prefix.isEmpty() ? name : String.join("::", prefix) + "::" + name;
  }

  /**
   * The first of {@code prefix+name}, {@code prefix[..-1]+name}, ..., {@code name} in {@code map}.
   */
  private <T> T lookup(Map<String, T> map, String name) {
    for (int n = prefix.size(); n >= 0; n--) {
      String key = n == 0 ? name : String.join("::", prefix.subList(0, n)) + "::" + name;
      T found = map.get(key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Evaluates a {@code const} at compile time and gives it a slot; reports a non-constant value or
   * a second declaration of the name. The literal, or null when it was reported.
   */
  private Expr.Literal declareConst(Expr.Const c) {
    Expr value = resolve(c.value());
    if (!(value instanceof Expr.Literal lit)) {
      report(
          Diagnostic.at(
              c.span(),
              c.value().span(),
              "The expression isn't constant and can't be evaluated at compile time"));
      return null;
    }
    if (constSlots.containsKey(qualified(c.name()))) {
      report(Diagnostic.around(c.span(), "Can't declare the constant `" + c.name() + "` twice"));
      return null;
    }
    constSlots.put(qualified(c.name()), constValues.size());
    constValues.add(lit.value());
    return lit;
  }

  /** Registers a fn / intrinsic / mod declaration and resolves function bodies. */
  private void declare(Expr e) {
    switch (e) {
      case Expr.FnDecl fd -> {
        Expr.Function fn = fd.function();
        String name = qualified(fn.name());
        if (userFunctions.containsKey(name)) {
          // Tremor raises this as a bare message, without a place
          report(Diagnostic.unplaced(fd.span(), "function " + fn.name() + " already defined."));
          return;
        }
        Expr.FunctionRef ref = new Expr.FunctionRef(name);
        userFunctions.put(name, ref);
        ref.compiled = compileFunction(fn, ref);
      }
      case Expr.Intrinsic in -> {
        String module = String.join("::", in.module());
        FunctionRegistry.Function target = functions.find(module, in.function());
        if (target != null) {
          intrinsics.put(qualified(in.name()), target);
        }
      }
      case Expr.Module m -> {
        prefix.add(m.name());
        if (m.source() != null) {
          origins.push(m.source());
        }
        try {
          for (Expr item : m.body()) {
            if (item instanceof Expr.Const c) {
              declareConst(c);
            } else {
              declare(item);
            }
          }
        } finally {
          prefix.remove(prefix.size() - 1);
          if (m.source() != null) {
            origins.pop();
          }
        }
      }
      default -> report(Diagnostic.at(e.span(), "Can't declare this here"));
    }
  }

  /** Resolves a function body with its own local slots (parameters first). */
  private UserFunction compileFunction(Expr.Function fn, Expr.FunctionRef ref) {
    Map<String, Integer> savedLocals = new HashMap<>(locals);
    Deque<Map<String, Integer>> savedShadows = new ArrayDeque<>(shadows);
    int savedSlots = slotCount;
    Expr.FunctionRef savedFunction = currentFunction;
    locals.clear();
    shadows.clear();
    slotCount = 0;
    currentFunction = ref;
    try {
      for (String p : fn.params()) {
        locals.put(p, slotCount++);
      }
      List<Expr> body = null;
      List<Expr.Clause> clauses = null;
      if (fn.body() != null) {
        checkRecur(fn.body());
        body = new ArrayList<>();
        for (Expr e : fn.body()) {
          body.add(resolve(e));
        }
      } else {
        Expr.Match m =
            (Expr.Match)
                resolve(
                    new Expr.Match(
                        new Expr.Literal(Value.NULL, fn.span()), fn.clauses(), fn.span()));
        clauses = m.clauses();
      }
      return new UserFunction(
          fn.name(), fn.params().size(), fn.varargs(), body, clauses, slotCount, fn.span());
    } finally {
      locals.clear();
      locals.putAll(savedLocals);
      shadows.clear();
      shadows.addAll(savedShadows);
      slotCount = savedSlots;
      currentFunction = savedFunction;
    }
  }

  /** {@code recur} may only end a function body. */
  private void checkRecur(List<Expr> body) {
    for (int i = 0; i < body.size() - 1; i++) {
      Expr e = body.get(i);
      Expr inner = e instanceof Expr.Let l ? l.value() : e;
      if (inner instanceof Expr.Recur r) {
        report(Diagnostic.around(r.span(), "Can not recur from this location"));
      }
    }
  }

  /** A resolved user function. */
  record UserFunction(
      String name,
      int arity,
      boolean varargs,
      List<Expr> body,
      List<Expr.Clause> clauses,
      int slots,
      Span span) {}

  /** Declares the modules of a query ({@code mod}/{@code use}) before its expressions. */
  void declarePrelude(List<Expr> prelude) {
    for (Expr e : prelude) {
      declare(e);
    }
  }

  /**
   * Resolves an expression of a select statement ({@code stmt}): local variables are not allowed
   * there. Returns null (after reporting) when the expression uses one.
   */
  Expr resolveNoLocals(Expr e, Span stmt) {
    if (usesLocals(e)) {
      report(Diagnostic.at(stmt, e.span(), "Local variables are not allowed here"));
      return null;
    }
    return resolve(e);
  }

  private void report(Diagnostic d) {
    diagnostics.report(origins.isEmpty() || d.origin() != null ? d : d.in(origins.peek()));
  }

  private int slotOf(String name) {
    for (Map<String, Integer> frame : shadows) {
      Integer slot = frame.get(name);
      if (slot != null) {
        return slot;
      }
    }
    return locals.computeIfAbsent(name, n -> slotCount++);
  }

  private boolean isShadowedOrLocal(String name) {
    for (Map<String, Integer> frame : shadows) {
      if (frame.containsKey(name)) {
        return true;
      }
    }
    return locals.containsKey(name);
  }

  /**
   * Resolves a select target: aggregate calls are collected into {@code found}; when {@code
   * windowed}, references to {@code event} or {@code $} must be inside an aggregate or be one of
   * the {@code groupBy} expressions.
   */
  Expr resolveSelectTarget(
      Expr e, Span stmt, List<Expr.AggrCall> found, boolean windowed, List<Expr> groupBy) {
    if (usesLocals(e)) {
      report(Diagnostic.at(stmt, e.span(), "Local variables are not allowed here"));
      return null;
    }
    aggregates = found;
    statementStart = stmt.start();
    if (windowed) {
      groupByTexts = new HashMap<>();
      for (int i = 0; i < groupBy.size(); i++) {
        groupByTexts.putIfAbsent(text(groupBy.get(i).span()), i);
      }
    }
    try {
      return resolve(e);
    } finally {
      aggregates = null;
      groupByTexts = null;
    }
  }

  private String text(Span span) {
    return source.text().substring(span.start().offset(), span.end().offset());
  }

  Expr resolve(Expr e) {
    Integer groupIndex =
        groupByTexts != null && outerAggregate == null ? groupByTexts.get(text(e.span())) : null;
    if (groupIndex != null) {
      groupByDepth++;
      try {
        resolveInner(e); // for its diagnostics
        // Tremor rewrites a group-by expression in a windowed target to `group[i]`
        // (tremor-script/src/ast/visitors.rs TargetEventRefVisitor): a tick has no event
        Expr.Literal index = new Expr.Literal(Value.of(groupIndex.longValue()), e.span());
        Map<String, Integer> texts = groupByTexts;
        groupByTexts = null; // the index carries the span of the expression it stands for
        try {
          return resolveInner(
              new Expr.Path(
                  Expr.Root.GROUP,
                  null,
                  -1,
                  List.of(new Expr.ElementSegment(index, e.span())),
                  e.span()));
        } finally {
          groupByTexts = texts;
        }
      } finally {
        groupByDepth--;
      }
    }
    return resolveInner(e);
  }

  private Expr resolveInner(Expr e) {
    return switch (e) {
      case Expr.Literal l -> l;
      case Expr.StringLit s -> string(s);
      case Expr.ListLit l -> list(l);
      case Expr.RecordLit r -> record(r);
      case Expr.Path p -> constantOrPath(path(p));
      case Expr.Unary u -> unary(u);
      case Expr.Binary b -> binary(b);
      case Expr.Present p -> new Expr.Present(path(p.path()), p.span());
      case Expr.Invoke i -> invoke(i);
      case Expr.Match m -> match(m);
      case Expr.Let l -> let(l);
      case Expr.Emit em ->
          new Expr.Emit(
              em.value() == null ? null : resolve(em.value()),
              em.port() == null ? null : resolve(em.port()),
              em.span());
      case Expr.Drop d -> d;
      case Expr.Const c -> {
        report(Diagnostic.at(c.span(), "Can't declare a const here"));
        yield c;
      }
      case Expr.For fo -> comprehension(fo);
      case Expr.Patch pa ->
          new Expr.Patch(
              resolve(pa.target()),
              pa.ops().stream()
                  .map(
                      op ->
                          new Expr.PatchOp(
                              op.kind(),
                              op.key() == null ? null : resolve(op.key()),
                              op.value() == null ? null : resolve(op.value()),
                              op.span()))
                  .toList(),
              pa.span());
      case Expr.Merge me -> new Expr.Merge(resolve(me.target()), resolve(me.value()), me.span());
      case Expr.BinaryLit bl -> binaryLiteral(bl);
      case Expr.FnDecl fd -> {
        declare(fd);
        yield new Expr.Literal(Value.NULL, fd.span());
      }
      case Expr.Intrinsic in -> {
        declare(in);
        yield new Expr.Literal(Value.NULL, in.span());
      }
      case Expr.Module m -> {
        declare(m);
        yield new Expr.Literal(Value.NULL, m.span());
      }
      case Expr.Call c -> c;
      case Expr.AggrCall a -> a;
      case Expr.Recur r -> {
        if (currentFunction == null) {
          report(Diagnostic.at(r.span(), "Can not recur from this location"));
        }
        List<Expr> args = new ArrayList<>();
        for (Expr a : r.args()) {
          args.add(resolve(a));
        }
        // a loop in the interpreter (the invocation that ends in recur runs again), not a call
        yield new Expr.Recur(args, r.span());
      }
    };
  }

  /**
   * Checks each part's type and size: {@code binary}, {@code
   * [big|little]-[signed|unsigned]-integer}.
   */
  private Expr binaryLiteral(Expr.BinaryLit bl) {
    List<Expr.BinPart> parts = new ArrayList<>();
    for (Expr.BinPart p : bl.parts()) {
      String type;
      boolean signed = false;
      boolean big = true;
      switch (p.type()) {
        case "binary" -> type = "binary";
        case "",
            "integer",
            "big",
            "unsigned",
            "unsigned-integer",
            "big-integer",
            "big-unsigned-integer" ->
            type = "integer";
        case "signed-integer", "big-signed-integer" -> {
          type = "integer";
          signed = true;
        }
        case "little", "little-integer", "little-unsigned-integer" -> {
          type = "integer";
          big = false;
        }
        case "little-signed-integer" -> {
          type = "integer";
          signed = true;
          big = false;
        }
        default -> {
          report(Diagnostic.around(p.span(), "Not a valid data type: '" + p.type() + "'"));
          continue;
        }
      }
      int bits = p.bits();
      if (bits != -1 && (bits <= 0 || bits > 64)) {
        report(
            Diagnostic.around(p.span(), "negative bits or bits > 64 are are not allowed: " + bits));
        continue;
      }
      if (bits == -1) {
        bits = type.equals("binary") ? 0 : 8;
      }
      parts.add(new Expr.BinPart(resolve(p.value()), bits, type, signed, big, p.span()));
    }
    return new Expr.BinaryLit(parts, bl.span());
  }

  private Expr comprehension(Expr.For fo) {
    Expr target = resolve(fo.target());
    List<Expr.ForCase> cases = new ArrayList<>();
    for (Expr.ForCase c : fo.cases()) {
      shadows.push(new HashMap<>());
      try {
        int k = slotCount++;
        int v = slotCount++;
        shadows.peek().put(c.key(), k);
        shadows.peek().put(c.value(), v);
        Expr guard = c.guard() == null ? null : resolve(c.guard());
        List<Expr> body = new ArrayList<>();
        for (Expr e : c.body()) {
          body.add(resolve(e));
        }
        cases.add(new Expr.ForCase(c.key(), k, c.value(), v, guard, body, c.span()));
      } finally {
        shadows.pop();
      }
    }
    return new Expr.For(target, cases, fo.mutable(), fo.span());
  }

  private Expr string(Expr.StringLit s) {
    List<Expr.StrPart> parts = new ArrayList<>(s.parts().size());
    boolean constant = true;
    for (Expr.StrPart part : s.parts()) {
      if (part instanceof Expr.Interpolation in) {
        Expr inner = resolve(in.expr());
        constant &= inner instanceof Expr.Literal;
        parts.add(new Expr.Interpolation(inner));
      } else {
        parts.add(part);
      }
    }
    if (constant) {
      StringBuilder text = new StringBuilder();
      for (Expr.StrPart part : parts) {
        switch (part) {
          case Expr.Text t -> text.append(t.text());
          case Expr.Interpolation in -> {
            Value v = ((Expr.Literal) in.expr()).value();
            text.append(v instanceof Value.Str str ? str.value() : ValueOps.encode(v));
          }
        }
      }
      return new Expr.Literal(Value.of(text.toString()), s.span());
    }
    return new Expr.StringLit(parts, s.span());
  }

  private Expr list(Expr.ListLit l) {
    List<Expr> items = new ArrayList<>(l.items().size());
    boolean constant = true;
    for (Expr item : l.items()) {
      Expr r = resolve(item);
      constant &= r instanceof Expr.Literal;
      items.add(r);
    }
    if (constant) {
      List<Value> values = new ArrayList<>(items.size());
      for (Expr item : items) {
        values.add(((Expr.Literal) item).value());
      }
      return new Expr.Literal(Value.array(values), l.span());
    }
    return new Expr.ListLit(items, l.span());
  }

  private Expr record(Expr.RecordLit r) {
    List<Expr.Field> fields = new ArrayList<>(r.fields().size());
    boolean constant = true;
    for (Expr.Field f : r.fields()) {
      Expr key = resolve(f.key());
      Expr value = resolve(f.value());
      constant &= key instanceof Expr.Literal && value instanceof Expr.Literal;
      fields.add(new Expr.Field(key, value, f.span()));
    }
    if (constant) {
      LinkedHashMap<String, Value> map = new LinkedHashMap<>();
      for (Expr.Field f : fields) {
        Value key = ((Expr.Literal) f.key()).value();
        if (!(key instanceof Value.Str s)) {
          return new Expr.RecordLit(fields, r.span());
        }
        map.put(s.value(), ((Expr.Literal) f.value()).value());
      }
      return new Expr.Literal(Value.obj(map), r.span());
    }
    return new Expr.RecordLit(fields, r.span());
  }

  private Expr.Path path(Expr.Path p) {
    List<Expr.Segment> segments = new ArrayList<>(p.segments().size());
    for (Expr.Segment s : p.segments()) {
      segments.add(
          switch (s) {
            case Expr.FieldSegment f -> f;
            case Expr.ElementSegment el -> {
              Expr index = resolve(el.index());
              if (index instanceof Expr.Literal lit && lit.value() instanceof Value.Str str) {
                yield new Expr.FieldSegment(str.value(), el.span());
              }
              yield new Expr.ElementSegment(index, el.span());
            }
            case Expr.RangeSegment r ->
                new Expr.RangeSegment(resolve(r.from()), resolve(r.to()), r.span());
          });
    }
    if ((p.root() == Expr.Root.EVENT || p.root() == Expr.Root.META)
        && groupByTexts != null
        && outerAggregate == null
        && groupByDepth == 0) {
      report(
          Diagnostic.at(p.span(), "References to `event` or `$` are not allowed in this context")
              .withHint(
                  "Here you operate in the whole window, not a single event. You need to wrap"
                      + " this reference in an aggregate function (e.g. aggr::win::last(...)) or use it in"
                      + " the group by clause of this query."));
    }
    if (p.root() == Expr.Root.LOCAL) {
      Integer constSlot = isShadowedOrLocal(p.name()) ? null : lookup(constSlots, p.name());
      if (constSlot != null) {
        return new Expr.Path(Expr.Root.CONST, p.name(), constSlot, List.copyOf(segments), p.span());
      }
      if (p.name().contains("::")) {
        // a module path names a constant; Tremor prints the path from the outermost module
        report(
            Diagnostic.at(
                p.span(),
                "The constant " + qualified(p.name()) + " (absolute path) is not defined."));
      }
      return p.withSlot(slotOf(p.name()), List.copyOf(segments));
    }
    return p.withSlot(-1, List.copyOf(segments));
  }

  private Expr constantOrPath(Expr.Path p) {
    if (p.root() == Expr.Root.CONST) {
      Value folded = foldConst(constValues.get(p.slot()), p.segments());
      if (folded != null) {
        return new Expr.Literal(folded, p.span());
      }
    }
    return p;
  }

  /** The value of a constant path, or null when it cannot be computed now (left to runtime). */
  private static Value foldConst(Value value, List<Expr.Segment> segments) {
    Value current = value;
    for (Expr.Segment seg : segments) {
      Value key =
          switch (seg) {
            case Expr.FieldSegment f -> Value.of(f.name());
            case Expr.ElementSegment e when e.index() instanceof Expr.Literal l -> l.value();
            default -> null;
          };
      if (key instanceof Value.Str k
          && current instanceof Value.Obj o
          && o.get(k.value()) != null) {
        current = o.get(k.value());
      } else if (key instanceof Value.Int i
          && current instanceof Value.Arr a
          && i.value() >= 0
          && i.value() < a.size()) {
        current = a.get((int) i.value());
      } else {
        return null;
      }
    }
    return current;
  }

  private Expr unary(Expr.Unary u) {
    Expr operand = resolve(u.operand());
    if (operand instanceof Expr.Literal lit) {
      try {
        return new Expr.Literal(ValueOps.unary(u.op(), lit.value()), u.span());
      } catch (ValueOps.OperatorException ex) {
        report(Diagnostic.at(u.span(), u.span(), ex.getMessage()));
      }
    }
    return new Expr.Unary(u.op(), operand, u.span());
  }

  private Expr binary(Expr.Binary b) {
    Expr left = resolve(b.left());
    Expr right = resolve(b.right());
    if (left instanceof Expr.Literal l && right instanceof Expr.Literal r) {
      try {
        return new Expr.Literal(ValueOps.binary(b.op(), l.value(), r.value()), b.span());
      } catch (ValueOps.OperatorException ex) {
        report(Diagnostic.at(b.span(), b.span(), ex.getMessage()));
      }
    }
    return new Expr.Binary(b.op(), left, right, b.span());
  }

  private Expr aggregate(Expr.Invoke i) {
    String module = String.join("::", i.module().subList(1, i.module().size()));
    if (outerAggregate != null) {
      report(
          Diagnostic.at(
              new Span(statementStart, i.span().end()),
              "Aggregates can not be called inside of aggregates"));
      return i;
    }
    Aggregates.Spec spec = Aggregates.find(module, i.function());
    if (spec == null) {
      report(
          Diagnostic.around(
              i.span(),
              Aggregates.hasModule(module)
                  ? "Call to undefined function aggr::" + module + "::" + i.function()
                  : "Call to undefined module aggr::" + module));
      return i;
    }
    if (i.args().size() < spec.minArity() || i.args().size() > spec.maxArity()) {
      report(
          Diagnostic.at(
              new Span(statementStart, i.span().end()),
              "Bad arity for function "
                  + module
                  + "::"
                  + i.function()
                  + "/"
                  + spec.arityText()
                  + " but was called with "
                  + i.args().size()
                  + " arguments"));
      return i;
    }
    Expr.AggrCall call =
        new Expr.AggrCall(aggregates.size(), module, i.function(), i.args(), i.span());
    aggregates.add(call);
    outerAggregate = call;
    try {
      List<Expr> args = new ArrayList<>(i.args().size());
      for (Expr a : i.args()) {
        args.add(resolve(a));
      }
      Expr.AggrCall resolved =
          new Expr.AggrCall(call.index(), module, i.function(), args, i.span());
      aggregates.set(call.index(), resolved);
      return resolved;
    } finally {
      outerAggregate = null;
    }
  }

  private static Diagnostic undefinedFunction(String module, Expr.Invoke i) {
    return new Diagnostic(
        "Call to undefined function " + module + "::" + i.function(),
        i.span().expandLines(3),
        i.span(),
        null);
  }

  private Expr invoke(Expr.Invoke i) {
    if (i.module().size() > 1 && i.module().get(0).equals("core")) {
      // `core::m::f` names the built-in `m::f` directly (as intrinsics do)
      i =
          new Expr.Invoke(
              i.module().subList(1, i.module().size()), i.function(), i.args(), i.span());
    }
    if (aggregates != null && !i.module().isEmpty() && i.module().get(0).equals("aggr")) {
      return aggregate(i);
    }
    List<Expr> args = new ArrayList<>(i.args().size());
    for (Expr a : i.args()) {
      args.add(resolve(a));
    }
    String module = String.join("::", i.module());
    String name = module.isEmpty() ? i.function() : module + "::" + i.function();
    Expr.FunctionRef user = userFunctions.get(qualified(name));
    if (user != null) {
      return new Expr.Call(user, args, i.span());
    }
    FunctionRegistry.Function alias = intrinsics.get(qualified(name));
    if (alias != null) {
      List<String> target =
          alias.module().isEmpty() ? List.of() : List.of(alias.module().split("::"));
      return constantCall(new Expr.Invoke(target, alias.name(), args, i.span()));
    }
    if (module.isEmpty() || (!functions.hasModule(module) && isUserModule(module))) {
      report(undefinedFunction(module, i));
    } else if (!functions.hasModule(module)) {
      report(Diagnostic.around(i.span(), "Call to undefined module " + module));
    } else if (functions.find(module, i.function()) == null) {
      report(undefinedFunction(module, i));
    } else {
      FunctionRegistry.Function f = functions.find(module, i.function());
      if (!f.accepts(args.size())) {
        report(
            Diagnostic.around(
                i.span(),
                "Bad arity for function "
                    + module
                    + "::"
                    + i.function()
                    + "/"
                    + f.arityText()
                    + " but was called with "
                    + args.size()
                    + " arguments"));
      }
    }
    return constantCall(new Expr.Invoke(i.module(), i.function(), args, i.span()));
  }

  /** Calls a pure std function with literal arguments now (Tremor's const functions). */
  private Expr constantCall(Expr.Invoke i) {
    String module = String.join("::", i.module());
    FunctionRegistry.Function fn = functions.find(module, i.function());
    if (fn == null || !fn.accepts(i.args().size()) || !StdSystem.isConstant(module, i.function())) {
      return i;
    }
    List<Value> values = new ArrayList<>(i.args().size());
    for (Expr a : i.args()) {
      if (!(a instanceof Expr.Literal lit)) {
        return i;
      }
      values.add(lit.value());
    }
    try {
      return new Expr.Literal(fn.body().call(values), i.span());
    } catch (FunctionRegistry.FunctionException ex) {
      String name = module + "::" + i.function() + "/" + values.size();
      report(
          Diagnostic.at(
              i.span(),
              ex.badType()
                  ? "Bad type passed to function " + name
                  : "Runtime error in function " + name + ": " + ex.getMessage()));
      return i;
    }
  }

  private boolean isUserModule(String module) {
    String dotted = module + "::";
    for (int n = prefix.size(); n >= 0; n--) {
      String p = n == 0 ? dotted : String.join("::", prefix.subList(0, n)) + "::" + dotted;
      for (String k : userFunctions.keySet()) {
        if (k.startsWith(p)) {
          return true;
        }
      }
      for (String k : constSlots.keySet()) {
        if (k.startsWith(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private Expr match(Expr.Match m) {
    long defaults =
        m.clauses().stream()
            .filter(c -> c.pattern() instanceof Pattern.Default && c.guard() == null)
            .count();
    if (defaults == 0 && m.target() != null) {
      diagnostics.warn(
          Diagnostic.at(
              m.span(),
              "This match expression has no default clause, if"
                  + " the other clauses do not cover all possibilities this will lead to events being"
                  + " discarded with runtime errors."));
    } else if (defaults > 1) {
      diagnostics.warn(
          Diagnostic.at(
              m.span(),
              "A match statement with more then one default"
                  + " clause will never reach any but the first default clause."));
    }
    Expr target = resolve(m.target());
    List<Expr.Clause> clauses = new ArrayList<>(m.clauses().size());
    for (Expr.Clause c : m.clauses()) {
      shadows.push(new HashMap<>());
      try {
        Pattern pattern = pattern(c.pattern());
        Expr guard = c.guard() == null ? null : resolve(c.guard());
        List<Expr> body = new ArrayList<>(c.body().size());
        for (Expr e : c.body()) {
          body.add(resolve(e));
        }
        clauses.add(new Expr.Clause(pattern, guard, body, c.span()));
      } finally {
        shadows.pop();
      }
    }
    return new Expr.Match(target, clauses, m.span());
  }

  private Pattern pattern(Pattern p) {
    return switch (p) {
      case Pattern.ExprPattern ep -> new Pattern.ExprPattern(resolve(ep.expr()), ep.span());
      case Pattern.RecordPattern rp -> recordPattern(rp);
      case Pattern.DontCare d -> d;
      case Pattern.Default d -> d;
      case Pattern.Extract x -> x;
      case Pattern.ArrayPattern ap -> arrayPattern(ap);
      case Pattern.TuplePattern tp ->
          new Pattern.TuplePattern(items(tp.items()), tp.open(), tp.span());
      case Pattern.Assign a -> {
        Pattern inner = pattern(a.pattern());
        int slot = slotCount++;
        shadows.peek().put(a.name(), slot);
        yield new Pattern.Assign(a.name(), slot, inner, a.span());
      }
    };
  }

  private Pattern.ArrayPattern arrayPattern(Pattern.ArrayPattern ap) {
    return new Pattern.ArrayPattern(items(ap.items()), ap.span());
  }

  private List<Pattern.Item> items(List<Pattern.Item> items) {
    List<Pattern.Item> out = new ArrayList<>(items.size());
    for (Pattern.Item item : items) {
      out.add(
          switch (item) {
            case Pattern.ExprItem e -> new Pattern.ExprItem(resolve(e.expr()));
            case Pattern.RecordItem r -> new Pattern.RecordItem(recordPattern(r.pattern()));
            default -> item;
          });
    }
    return out;
  }

  private void warnRedundantTests(Pattern.RecordPattern rp) {
    for (Pattern.FieldTest f : rp.fields()) {
      boolean present = f instanceof Pattern.FieldPresent;
      boolean absent = f instanceof Pattern.FieldAbsent;
      if (!present && !absent) {
        continue;
      }
      boolean other =
          rp.fields().stream()
              .anyMatch(
                  g ->
                      g.key().equals(f.key())
                          && !(g instanceof Pattern.FieldPresent)
                          && !(g instanceof Pattern.FieldAbsent));
      if (other) {
        diagnostics.warn(
            Diagnostic.around(
                rp.span(),
                present
                    ? "The field "
                        + f.key()
                        + " is checked with both present and another extractor, this"
                        + " is redundant as extractors imply presence. It may also overwrite the result of"
                        + " the extractor."
                    : "The field "
                        + f.key()
                        + " is checked with both absence and another extractor, this"
                        + " test can never be true."));
      }
    }
  }

  private Pattern.RecordPattern recordPattern(Pattern.RecordPattern rp) {
    warnRedundantTests(rp);
    List<Pattern.FieldTest> fields = new ArrayList<>(rp.fields().size());
    for (Pattern.FieldTest f : rp.fields()) {
      fields.add(
          switch (f) {
            case Pattern.FieldCompare c ->
                new Pattern.FieldCompare(c.key(), c.op(), resolve(c.value()), c.span());
            case Pattern.FieldRecord r ->
                new Pattern.FieldRecord(r.key(), recordPattern(r.pattern()), r.span());
            case Pattern.FieldArray a ->
                new Pattern.FieldArray(a.key(), arrayPattern(a.pattern()), a.span());
            default -> f;
          });
    }
    return new Pattern.RecordPattern(fields, rp.span());
  }

  private Expr let(Expr.Let l) {
    Expr value = resolve(l.value());
    Expr.Path target = l.target();
    if (target.root() == Expr.Root.LOCAL
        && !isShadowedOrLocal(target.name())
        && constSlots.containsKey(target.name())) {
      report(
          Diagnostic.at(
              l.span(), target.span(), "Can't assign to the `" + target.name() + "` constant"));
      return l;
    }
    return new Expr.Let(path(target), value, l.span());
  }

  /** Tremor's locals rule for select expressions (its own shadow variables are allowed). */
  private static boolean usesLocals(Expr e) {
    return SelectLocals.usesLocals(e);
  }

  Source source() {
    return source;
  }
}
