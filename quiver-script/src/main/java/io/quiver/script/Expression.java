package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.value.Value;
import java.util.List;

/**
 * One compiled immutable expression of a Trickle statement (a select's target, {@code where} or
 * {@code having}, a {@code with} argument). Local variables are rejected at compile time, as in
 * Tremor. Immutable and thread-safe.
 */
public final class Expression {
  private final Expr expr;
  private final Interpreter interpreter;

  private Expression(Expr expr, Interpreter interpreter) {
    this.expr = expr;
    this.interpreter = interpreter;
  }

  /**
   * Compiles {@code parsed}, part of the statement spanning {@code statement} in {@code source}.
   *
   * @throws ScriptException e.g. {@code Local variables are not allowed here}
   */
  public static Expression compile(Source source, Expr parsed, Span statement,
      FunctionRegistry functions) throws ScriptException {
    Diagnostics diagnostics = new Diagnostics();
    Resolver resolver = new Resolver(source, diagnostics, functions);
    Expr resolved = resolver.resolveNoLocals(parsed, statement);
    diagnostics.throwIfAny(source);
    return new Expression(resolved, new Interpreter(source, functions, List.of()));
  }

  /** True when the expression is just {@code event}: the value passes through unchanged. */
  public boolean isEvent() {
    return expr instanceof Expr.Path p && p.root() == Expr.Root.EVENT && p.segments().isEmpty();
  }

  /** The value when the expression is a constant, else null. */
  public Value constant() {
    return expr instanceof Expr.Literal l ? l.value() : null;
  }

  /** @throws ScriptRuntimeException when evaluation fails */
  public Value evaluate(Value event, Value meta, Value state, Value args) {
    if (expr instanceof Expr.Literal l) {
      return l.value();
    }
    Frame f = new Frame(event, meta, state, args, 0);
    return interpreter.evaluate(expr, f);
  }
}
