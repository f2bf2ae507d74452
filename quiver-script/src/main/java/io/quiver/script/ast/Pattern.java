package io.quiver.script.ast;

import io.quiver.script.Span;
import java.util.List;

/** Patterns of {@code case} clauses. */
public sealed interface Pattern {
  Span span();

  /** Equality with the value of an expression. */
  record ExprPattern(Expr expr, Span span) implements Pattern {}

  /** {@code %{ ... }}: the target is a record and every field test holds. */
  record RecordPattern(List<FieldTest> fields, Span span) implements Pattern {}

  /** {@code _}. */
  record DontCare(Span span) implements Pattern {}

  /** {@code default}. */
  record Default(Span span) implements Pattern {}

  /** {@code name = pattern}: binds the matched value (for records: the tested fields). */
  record Assign(String name, int slot, Pattern pattern, Span span) implements Pattern {}

  sealed interface FieldTest {
    String key();

    Span span();
  }

  record FieldPresent(String key, Span span) implements FieldTest {}

  record FieldAbsent(String key, Span span) implements FieldTest {}

  /** {@code key == expr} and the other comparisons. */
  record FieldCompare(String key, BinaryOp op, Expr value, Span span) implements FieldTest {}

  /** {@code key ~= %{ ... }}. */
  record FieldRecord(String key, RecordPattern pattern, Span span) implements FieldTest {}
}
