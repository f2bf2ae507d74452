package io.quiver.script;

/**
 * A place in a source text: character offset (0-based), line and column (both 1-based, counted in
 * characters as Tremor counts them).
 */
public record Position(int offset, int line, int column) {
  public static final Position START = new Position(0, 1, 1);

  /** The position after {@code ch}. */
  public Position advance(char ch) {
    return ch == '\n'
        ? new Position(offset + 1, line + 1, 1)
        : new Position(offset + 1, line, column + 1);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
