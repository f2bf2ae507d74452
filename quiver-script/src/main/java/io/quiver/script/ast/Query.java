package io.quiver.script.ast;

import io.quiver.script.Span;
import java.util.List;

/** A parsed Trickle query: {@code #!config} directives and statements. */
public record Query(List<WithArg> config, List<Stmt> statements) {

  /** {@code name = expr} in {@code with} clauses and {@code #!config} directives. */
  public record WithArg(String name, Expr value, Span span) {}

  /** {@code node[/port]} in {@code from} / {@code into}. */
  public record StreamRef(String node, Span nodeSpan, String port, Span span) {}

  public sealed interface Stmt {
    Span span();
  }

  /** {@code define script id [with args] script ... end}. */
  public record DefineScript(
      String id, List<WithArg> params, List<Expr> body, Span bodySpan, Span span) implements Stmt {}

  /** {@code create script id [from defn] [with args end]}. */
  public record CreateScript(String id, String target, List<WithArg> params, Span span)
      implements Stmt {}

  /** {@code define module::op operator id [with args end]}. */
  public record DefineOperator(
      String module, String operation, String id, List<WithArg> params, Span span)
      implements Stmt {}

  /** {@code create operator id [from defn] [with args end]}. */
  public record CreateOperator(String id, String target, List<WithArg> params, Span span)
      implements Stmt {}

  /** {@code define tumbling|sliding window id with ... [script ... end] end}. */
  public record DefineWindow(
      String kind, String id, List<WithArg> params, List<Expr> script, Span span) implements Stmt {}

  /** {@code group by}: an expression, {@code set(...)} (cartesian product) or {@code each(...)}. */
  public sealed interface GroupBy {
    Span span();
  }

  public record GroupByExpr(Expr expr, Span span) implements GroupBy {}

  public record GroupBySet(List<GroupBy> items, Span span) implements GroupBy {}

  public record GroupByEach(Expr expr, Span span) implements GroupBy {}

  /** {@code mod name with ... end} or a used {@code .tremor} module: consts and functions. */
  public record ScriptModule(Expr.Module module, Span span) implements Stmt {}

  /** {@code create stream id}. */
  public record CreateStream(String id, Span span) implements Stmt {}

  /** {@code select target from node[/port] [where e] into node[/port] [having e]}. */
  public record Select(
      Expr target,
      StreamRef from,
      List<String> windows,
      Expr where,
      GroupBy groupBy,
      StreamRef into,
      Expr having,
      Span span)
      implements Stmt {}
}
