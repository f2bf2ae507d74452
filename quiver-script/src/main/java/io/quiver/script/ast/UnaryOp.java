package io.quiver.script.ast;

/** Unary operators with Tremor's display names. */
public enum UnaryOp {
  PLUS("+"),
  MINUS("-"),
  NOT("not"),
  BIT_NOT("!");

  public final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
