package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Pattern;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tremor's rule for the expressions of a select statement: they may not use local variables, but
 * the names a comprehension binds ({@code for ... of case (k, v) => ...}) and the names of assign
 * patterns ({@code case x = %{...} => ...}) are Tremor's shadow variables and are allowed inside
 * the comprehension case or clause that binds them. A {@code let} or {@code const} always counts as
 * a local.
 */
final class SelectLocals {
  /** Names bound by the comprehension cases and clauses we are inside, innermost last. */
  private final Deque<String> bound = new ArrayDeque<>();

  private SelectLocals() {}

  /** True when {@code e} uses a local variable that no enclosing case binds. */
  static boolean usesLocals(Expr e) {
    return new SelectLocals().uses(e);
  }

  private boolean uses(Expr e) {
    return switch (e) {
      case Expr.Literal l -> false;
      case Expr.StringLit s ->
          s.parts().stream().anyMatch(p -> p instanceof Expr.Interpolation in && uses(in.expr()));
      case Expr.ListLit l -> l.items().stream().anyMatch(this::uses);
      case Expr.RecordLit r -> r.fields().stream().anyMatch(f -> uses(f.key()) || uses(f.value()));
      case Expr.Path p -> path(p);
      case Expr.Unary u -> uses(u.operand());
      case Expr.Binary b -> uses(b.left()) || uses(b.right());
      case Expr.Present p -> uses(p.path());
      case Expr.Invoke i -> i.args().stream().anyMatch(this::uses);
      case Expr.Match m -> uses(m.target()) || m.clauses().stream().anyMatch(this::clause);
      case Expr.Let l -> true;
      case Expr.Emit em -> false;
      case Expr.Drop d -> false;
      case Expr.Const c -> true;
      case Expr.For fo -> uses(fo.target()) || fo.cases().stream().anyMatch(this::forCase);
      case Expr.Patch pa ->
          uses(pa.target())
              || pa.ops().stream()
                  .anyMatch(
                      op ->
                          (op.key() != null && uses(op.key()))
                              || (op.value() != null && uses(op.value())));
      case Expr.Merge me -> uses(me.target()) || uses(me.value());
      case Expr.BinaryLit bl -> bl.parts().stream().anyMatch(p -> uses(p.value()));
      case Expr.FnDecl fd -> false;
      case Expr.Intrinsic in -> false;
      case Expr.Module m -> false;
      case Expr.Call c -> c.args().stream().anyMatch(this::uses);
      case Expr.Recur r -> r.args().stream().anyMatch(this::uses);
      case Expr.AggrCall a -> a.args().stream().anyMatch(this::uses);
    };
  }

  private boolean path(Expr.Path p) {
    boolean local =
        p.root() == Expr.Root.LOCAL && !p.name().contains("::") && !bound.contains(p.name());
    return local
        || p.segments().stream()
            .anyMatch(
                s ->
                    switch (s) {
                      case Expr.FieldSegment f -> false;
                      case Expr.ElementSegment el -> uses(el.index());
                      case Expr.RangeSegment r -> uses(r.from()) || uses(r.to());
                    });
  }

  private boolean forCase(Expr.ForCase c) {
    bound.addLast(c.key());
    bound.addLast(c.value());
    try {
      return (c.guard() != null && uses(c.guard())) || c.body().stream().anyMatch(this::uses);
    } finally {
      bound.removeLast();
      bound.removeLast();
    }
  }

  /** As Tremor: the pattern binds first, then the guard and body see the name. */
  private boolean clause(Expr.Clause c) {
    int before = bound.size();
    try {
      return pattern(c.pattern())
          || (c.guard() != null && uses(c.guard()))
          || c.body().stream().anyMatch(this::uses);
    } finally {
      while (bound.size() > before) {
        bound.removeLast();
      }
    }
  }

  private boolean pattern(Pattern p) {
    return switch (p) {
      case Pattern.ExprPattern x -> uses(x.expr());
      case Pattern.RecordPattern r -> r.fields().stream().anyMatch(this::fieldTest);
      case Pattern.DontCare d -> false;
      case Pattern.Default d -> false;
      case Pattern.Assign a -> {
        bound.addLast(a.name());
        yield pattern(a.pattern());
      }
      case Pattern.Extract x -> false;
      case Pattern.ArrayPattern a -> a.items().stream().anyMatch(this::item);
      case Pattern.TuplePattern t -> t.items().stream().anyMatch(this::item);
    };
  }

  private boolean item(Pattern.Item i) {
    return switch (i) {
      case Pattern.IgnoreItem x -> false;
      case Pattern.ExprItem x -> uses(x.expr());
      case Pattern.ExtractItem x -> false;
      case Pattern.RecordItem r -> pattern(r.pattern());
    };
  }

  private boolean fieldTest(Pattern.FieldTest t) {
    return switch (t) {
      case Pattern.FieldPresent f -> false;
      case Pattern.FieldAbsent f -> false;
      case Pattern.FieldCompare f -> uses(f.value());
      case Pattern.FieldExtract f -> false;
      case Pattern.FieldArray f -> pattern(f.pattern());
      case Pattern.FieldRecord f -> pattern(f.pattern());
    };
  }
}
