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

  /** {@code ~ kind|spec|}: an extractor test. */
  record Extract(Extractor extractor, Span span) implements Pattern {}

  /** {@code %[ ... ]}: every item matches at least one element. */
  record ArrayPattern(List<Item> items, Span span) implements Pattern {}

  /** {@code %( ... [, ...])}: items match the elements position by position. */
  record TuplePattern(List<Item> items, boolean open, Span span) implements Pattern {}

  sealed interface Item {}

  record IgnoreItem(Span span) implements Item {}

  record ExprItem(Expr expr) implements Item {}

  record ExtractItem(Extractor extractor) implements Item {}

  record RecordItem(RecordPattern pattern) implements Item {}

  /** A compiled extractor: {@code kind|spec|}. */
  record Extractor(String kind, String spec, Object compiled, Span span) {}

  sealed interface FieldTest {
    String key();

    Span span();
  }

  record FieldPresent(String key, Span span) implements FieldTest {}

  record FieldAbsent(String key, Span span) implements FieldTest {}

  /** {@code key == expr} and the other comparisons. */
  record FieldCompare(String key, BinaryOp op, Expr value, Span span) implements FieldTest {}

  /** {@code [assign =] key ~= kind|spec|}. */
  record FieldExtract(String key, String assign, Extractor extractor, Span span)
      implements FieldTest {}

  /** {@code key ~= %[ ... ]}. */
  record FieldArray(String key, ArrayPattern pattern, Span span) implements FieldTest {}

  /** {@code key ~= %{ ... }}. */
  record FieldRecord(String key, RecordPattern pattern, Span span) implements FieldTest {}
}
