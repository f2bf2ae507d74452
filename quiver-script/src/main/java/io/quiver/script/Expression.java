package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.value.Value;
import java.util.List;

/**
 * One compiled immutable expression of a Trickle statement (a select's target, {@code where} or
 * {@code having}, a {@code with} argument). Local variables are rejected at compile time, as in
 * Tremor (a comprehension's and an assign pattern's bindings are allowed). Immutable and
 * thread-safe.
 */
public final class Expression {
  private final Expr expr;
  private final Interpreter interpreter;
  private final List<AggregateCall> aggregates;

  /** Local slots the expression needs: comprehension and assign-pattern bindings. */
  private final int slots;

  /** An aggregate call of a select target: the function and its per-event arguments. */
  public record AggregateCall(Aggregates.Spec spec, List<Expression> args) {
    /** A fresh aggregate state for this call. */
    public Aggregate create() {
      return spec.factory().get();
    }
  }

  private Expression(
      Expr expr, Interpreter interpreter, List<AggregateCall> aggregates, int slots) {
    this.expr = expr;
    this.interpreter = interpreter;
    this.aggregates = aggregates;
    this.slots = slots;
  }

  /**
   * Compiles a select target that may call aggregate functions ({@code aggr::stats::sum(...)}),
   * with the query's modules ({@code prelude}: {@code mod} expressions) in scope. In a windowed
   * select ({@code windowed}), {@code event} and {@code $} may only be used inside aggregates or as
   * one of the {@code groupBy} expressions.
   */
  public static Expression compileTarget(
      Source source,
      Expr parsed,
      Span statement,
      FunctionRegistry functions,
      boolean windowed,
      List<Expr> groupBy,
      List<Expr> prelude)
      throws ScriptException {
    Diagnostics diagnostics = new Diagnostics();
    Resolver resolver = new Resolver(source, diagnostics, functions);
    resolver.declarePrelude(prelude);
    List<Expr.AggrCall> found = new java.util.ArrayList<>();
    Expr resolved = resolver.resolveSelectTarget(parsed, statement, found, windowed, groupBy);
    diagnostics.throwIfAny(source);
    Interpreter interpreter = new Interpreter(source, functions, resolver.constValues());
    List<AggregateCall> calls = new java.util.ArrayList<>();
    for (Expr.AggrCall call : found) {
      List<Expression> args = new java.util.ArrayList<>();
      for (Expr a : call.args()) {
        args.add(new Expression(a, interpreter, List.of(), resolver.slotCount()));
      }
      calls.add(
          new AggregateCall(Aggregates.find(call.module(), call.function()), List.copyOf(args)));
    }
    return new Expression(resolved, interpreter, List.copyOf(calls), resolver.slotCount());
  }

  /** The aggregate calls of a select target, by index (empty for other expressions). */
  public List<AggregateCall> aggregates() {
    return aggregates;
  }

  /** Evaluates a select target with its {@code window} name, {@code group} and aggregate values. */
  public Value evaluate(
      Value event, Value meta, Value window, Value group, Value[] aggregateValues) {
    return evaluate(event, meta, window, group, aggregateValues, EventContext.NONE);
  }

  /** As above, for an event with its ingest time and origin ({@code system::ingest_ns()}). */
  public Value evaluate(
      Value event,
      Value meta,
      Value window,
      Value group,
      Value[] aggregateValues,
      EventContext context) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    }
    Frame f = new Frame(event, meta, Value.NULL, Value.NULL, slots);
    f.context = context;
    f.window = window;
    f.group = group;
    f.aggregates = aggregateValues;
    return interpreter.evaluate(expr, f);
  }

  /**
   * Compiles {@code parsed}, part of the statement spanning {@code statement} in {@code source}.
   *
   * @throws ScriptException e.g. {@code Local variables are not allowed here}
   */
  public static Expression compile(
      Source source, Expr parsed, Span statement, FunctionRegistry functions)
      throws ScriptException {
    return compile(source, parsed, statement, functions, List.of());
  }

  /** As above, with the query's modules ({@code prelude}: {@code mod} expressions) in scope. */
  public static Expression compile(
      Source source, Expr parsed, Span statement, FunctionRegistry functions, List<Expr> prelude)
      throws ScriptException {
    Diagnostics diagnostics = new Diagnostics();
    Resolver resolver = new Resolver(source, diagnostics, functions);
    resolver.declarePrelude(prelude);
    Expr resolved = resolver.resolveNoLocals(parsed, statement);
    diagnostics.throwIfAny(source);
    return new Expression(
        resolved,
        new Interpreter(source, functions, resolver.constValues()),
        List.of(),
        resolver.slotCount());
  }

  /** True when the expression is just {@code event}: the value passes through unchanged. */
  public boolean isEvent() {
    return expr instanceof Expr.Path p && p.root() == Expr.Root.EVENT && p.segments().isEmpty();
  }

  /** The value when the expression is a constant, else null. */
  public Value constant() {
    return expr instanceof Expr.Literal l ? l.value() : null;
  }

  /**
   * @throws ScriptRuntimeException when evaluation fails
   */
  public Value evaluate(Value event, Value meta, Value state, Value args) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    }
    Frame f = new Frame(event, meta, state, args, slots);
    return interpreter.evaluate(expr, f);
  }
}
