package io.quiver.script.ast;

/** Binary operators with Tremor's display names (used in error texts). */
public enum BinaryOp {
  OR("or"),
  XOR("xor"),
  AND("and"),
  BIT_OR("|"),
  BIT_XOR("^"),
  BIT_AND("&"),
  EQ("=="),
  NOT_EQ("!="),
  GTE(">="),
  GT(">"),
  LTE("<="),
  LT("<"),
  RSHIFT(">>"),
  RSHIFT_UNSIGNED(">>>"),
  LSHIFT("<<"),
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  MOD("%");

  public final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
