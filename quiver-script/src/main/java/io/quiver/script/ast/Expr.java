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
    EVENT("event"),
    META("$"),
    STATE("state"),
    ARGS("args"),
    WINDOW("window"),
    GROUP("group"),
    LOCAL(null),
    CONST(null);

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

  /** {@code for target of case (k, v) [when g] => body ... end}; the value is an array. */
  record For(Expr target, List<ForCase> cases, boolean mutable, Span span) implements Expr {}

  /** One {@code case (key, value)} of a comprehension; slots are filled by the resolver. */
  record ForCase(
      String key,
      int keySlot,
      String value,
      int valueSlot,
      Expr guard,
      List<Expr> body,
      Span span) {}

  /** {@code patch target of op, ... end}. */
  record Patch(Expr target, List<PatchOp> ops, Span span) implements Expr {}

  enum PatchKind {
    INSERT,
    UPSERT,
    UPDATE,
    ERASE,
    MOVE,
    COPY,
    MERGE,
    TUPLE_MERGE
  }

  /** One patch operation; {@code value} is the new value, or the destination key of move/copy. */
  record PatchOp(PatchKind kind, Expr key, Expr value, Span span) {}

  /** {@code merge target of value end}. */
  record Merge(Expr target, Expr value, Span span) implements Expr {}

  /** A binary literal {@code << part, ... >>}. */
  record BinaryLit(List<BinPart> parts, Span span) implements Expr {}

  /** {@code expr[:bits][/type-sign-endianness]}. */
  record BinPart(Expr value, int bits, String type, boolean signed, boolean bigEndian, Span span) {}

  /** {@code fn} declaration (kept for the resolver; evaluates to nothing). */
  record FnDecl(Function function, Span span) implements Expr {}

  /** A user function: plain ({@code body}) or matching ({@code clauses} on the argument tuple). */
  record Function(
      String name,
      List<String> params,
      boolean varargs,
      List<Expr> body,
      List<Clause> clauses,
      Span span) {}

  /** {@code intrinsic fn name(args) as module::fn}. */
  record Intrinsic(String name, List<String> module, String function, Span span) implements Expr {}

  /**
   * {@code mod name with ... end}, or a module file brought in by {@code use} ({@code source} is
   * then the file's text, where the body's spans point; null for an inline module).
   */
  record Module(String name, List<Expr> body, Span span, io.quiver.script.Source source)
      implements Expr {
    public Module(String name, List<Expr> body, Span span) {
      this(name, body, span, null);
    }
  }

  /** A call of a resolved user function ({@code target} is filled by the resolver). */
  record Call(FunctionRef target, List<Expr> args, Span span) implements Expr {}

  /** A late-bound reference to a compiled function (allows recursion). */
  final class FunctionRef {
    public final String name;
    public Object compiled;

    public FunctionRef(String name) {
      this.name = name;
    }
  }

  /** An aggregate call in a select target; its value is the window's {@code index}-th aggregate. */
  record AggrCall(int index, String module, String function, List<Expr> args, Span span)
      implements Expr {}

  /** {@code recur(args)} inside a function. */
  record Recur(List<Expr> args, Span span) implements Expr {}

  /** {@code const name = value} (folded by the resolver). */
  record Const(String name, Expr value, Span span) implements Expr {}
}
