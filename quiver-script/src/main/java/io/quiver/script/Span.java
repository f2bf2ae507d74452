package io.quiver.script;

/** A half-open source range: {@code start} inclusive, {@code end} exclusive. */
public record Span(Position start, Position end) {

  public static Span of(Position start, Position end) {
    return new Span(start, end);
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(start, other.end);
  }

  public int startLine() {
    return start.line();
  }

  public int endLine() {
    return end.line();
  }

  /**
   * The same span widened by {@code lines} lines up and down (for the excerpt shown with an error).
   */
  public LineRange expandLines(int lines) {
    return new LineRange(Math.max(0, start.line() - lines), end.line() + lines);
  }

  public LineRange lines() {
    return new LineRange(start.line(), end.line());
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
