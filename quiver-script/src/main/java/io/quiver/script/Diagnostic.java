package io.quiver.script;

/**
 * One problem found in a source: what is wrong ({@code message}), where ({@code span}, underlined
 * with carets), which lines to show around it ({@code context}) and an optional {@code hint}
 * rendered as a {@code NOTE:}.
 */
public record Diagnostic(String message, LineRange context, Span span, String hint, Source origin) {

  public Diagnostic {
    if (message == null || context == null || span == null) {
      throw new NullPointerException("diagnostic parts");
    }
  }

  /** A problem in the compiled source itself. */
  public Diagnostic(String message, LineRange context, Span span, String hint) {
    this(message, context, span, hint, null);
  }

  /**
   * The same problem found in another file (a module brought in by {@code use}): rendered against
   * that file, headed {@code Error in <file>:<line>:<column>} as Tremor does.
   */
  public Diagnostic in(Source file) {
    return new Diagnostic(message, context, span, hint, file);
  }

  /** Context = two lines either side of {@code span}'s, as most of Tremor's errors show. */
  public static Diagnostic around(Span span, String message) {
    return around(span, span, message);
  }

  /** Context = two lines either side of {@code outer}'s; carets under {@code inner}. */
  public static Diagnostic around(Span outer, Span inner, String message) {
    return new Diagnostic(message, outer.expandLines(2), inner, null);
  }

  /** Context = the span's own lines. */
  public static Diagnostic at(Span span, String message) {
    return new Diagnostic(message, span.lines(), span, null);
  }

  /** Context = the lines of {@code outer}. */
  public static Diagnostic at(Span outer, Span inner, String message) {
    return new Diagnostic(message, outer.lines(), inner, null);
  }

  /**
   * A problem Tremor reports without a place: rendered as a lone caret and the message, with no
   * source lines; {@code span} still gives the headline's line and column.
   */
  public static Diagnostic unplaced(Span span, String message) {
    return new Diagnostic(message, LineRange.NONE, span, null, null);
  }

  public boolean placed() {
    return !LineRange.NONE.equals(context);
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(message, context, span, newHint, origin);
  }

  public int line() {
    return span.start().line();
  }

  public int column() {
    return span.start().column();
  }
}
