package io.quiver.script.ast;

import io.quiver.script.Span;
import io.quiver.value.Value;
import java.util.List;

/**
 * tremor-script expressions. The parser builds them with names only; the resolver returns a copy
 * with local slots and constants filled in. Every node knows its source span.
 */
public sealed interface Expr {
  Span span();

  /** A constant value (null, booleans, numbers; strings and containers after constant folding). */
  record Literal(Value value, Span span) implements Expr {}

  /** A string with optional {@code #{...}} interpolations. */
  record StringLit(List<StrPart> parts, Span span) implements Expr {}

  sealed interface StrPart {}

  record Text(String text) implements StrPart {}

  record Interpolation(Expr expr) implements StrPart {}

  record ListLit(List<Expr> items, Span span) implements Expr {}

  record RecordLit(List<Field> fields, Span span) implements Expr {}

  record Field(Expr key, Expr value, Span span) {}

  /** A path: a root ({@code event}, {@code $}, {@code state}, a local...) and segments. */
  record Path(Root root, String name, int slot, List<Segment> segments, Span span) implements Expr {
    public Path withSlot(int newSlot, List<Segment> newSegments) {
      return new Path(root, name, newSlot, newSegments, span);
    }
  }

  enum Root {
    EVENT("event"), META("$"), STATE("state"), ARGS("args"), WINDOW("window"), GROUP("group"),
    LOCAL(null), CONST(null);

    public final String keyword;

    Root(String keyword) {
      this.keyword = keyword;
    }
  }

  sealed interface Segment {
    Span span();
  }

  /** {@code .name} (or {@code ["name"]} with a literal string). */
  record FieldSegment(String name, Span span) implements Segment {}

  /** {@code [expr]}: a record key or an array index, decided at runtime. */
  record ElementSegment(Expr index, Span span) implements Segment {}

  /** {@code [from:to]}: an array sub-range, end exclusive. */
  record RangeSegment(Expr from, Expr to, Span span) implements Segment {}

  record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

  /** {@code present path}; {@code absent path} is {@code not present path}. */
  record Present(Path path, Span span) implements Expr {}

  /** A function call {@code mod::fn(args)}. */
  record Invoke(List<String> module, String function, List<Expr> args, Span span) implements Expr {}

  /** {@code match target of case ... end}; bodies may hold let/emit/drop when not immutable. */
  record Match(Expr target, List<Clause> clauses, Span span) implements Expr {}

  record Clause(Pattern pattern, Expr guard, List<Expr> body, Span span) {}

  /** {@code let path = value}. */
  record Let(Path target, Expr value, Span span) implements Expr {}

  /** {@code emit [value] [=> port]}; a null value emits {@code event} unchanged. */
  record Emit(Expr value, Expr port, Span span) implements Expr {}

  record Drop(Span span) implements Expr {}

  /** {@code const name = value} (folded by the resolver). */
  record Const(String name, Expr value, Span span) implements Expr {}
}
