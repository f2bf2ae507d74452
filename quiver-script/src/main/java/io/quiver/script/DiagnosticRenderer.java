package io.quiver.script;

/**
 * Prints a {@link Diagnostic} the way Tremor 0.11 does (its "Dumb" highlighter): a first line
 * {@code Error: }, then each context line as a right-aligned 5-wide line number, {@code " | "} and
 * the text, with a caret line and the message after the line where the span ends, and an optional
 * {@code NOTE:} line.
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  public static String render(Source source, Diagnostic d) {
    if (d.origin() != null) {
      return render(
          d.origin(),
          d,
          "Error in " + d.origin().name() + ":" + d.line() + ":" + d.column() + " \n");
    }
    return render(source, d, "Error: \n");
  }

  /**
   * As {@link #render}, headed {@code Error in FILE:LINE:COL} the way {@code tremor run} reports an
   * event's runtime error in the file it runs (tremor-cli/src/run.rs passes the file to the
   * highlighter, tremor-script/src/highlighter.rs writes the header).
   */
  public static String renderIn(Source source, Diagnostic d, String file) {
    if (d.origin() != null) {
      return render(source, d);
    }
    return render(source, d, "Error in " + file + ":" + d.line() + ":" + d.column() + " \n");
  }

  /** A warning: as an error, headed {@code Warning: }. */
  public static String renderWarning(Source source, Diagnostic d) {
    return render(source, d, "Warning: \n");
  }

  private static String render(Source source, Diagnostic d, String header) {
    StringBuilder out = new StringBuilder(header);
    if (!d.placed()) {
      out.append("      | ^ ").append(d.message()).append('\n');
      return out.append('\n').toString();
    }
    int first = Math.max(1, d.context().first());
    int last = Math.min(source.lineCount(), d.context().last());
    Span span = d.span();
    int errorLine = span.end().line();
    boolean printed = false;
    for (int n = first; n <= last; n++) {
      out.append(String.format("%5d | ", n)).append(displayLine(source, n)).append('\n');
      if (n == errorLine) {
        callout(out, d);
        printed = true;
      }
    }
    if (!printed) {
      callout(out, d);
    }
    return out.append('\n').toString();
  }

  private static void callout(StringBuilder out, Diagnostic d) {
    Span span = d.span();
    int startColumn;
    int length;
    if (span.start().line() == span.end().line()) {
      startColumn = span.start().column();
      length = Math.max(1, span.end().column() - startColumn);
    } else {
      startColumn = 1;
      length = Math.max(1, span.end().column() - 1);
    }
    out.append("      | ")
        .append(" ".repeat(Math.max(0, startColumn - 1)))
        .append("^".repeat(length))
        .append(' ')
        .append(d.message())
        .append('\n');
    if (d.hint() != null) {
      out.append("      | ")
          .append(" ".repeat(startColumn + length))
          .append("NOTE: ")
          .append(d.hint())
          .append('\n');
    }
  }

  /** The line as Tremor reprints it: comments come back as {@code # text} after the hashes. */
  private static String displayLine(Source source, int n) {
    String line = source.line(n);
    for (Span c : source.comments()) {
      if (c.start().line() == n) {
        int col = c.start().column() - 1;
        if (col < 0 || col > line.length()) {
          continue;
        }
        String comment = line.substring(col);
        String normalised;
        if (comment.startsWith("###")) {
          normalised = "### " + comment.substring(3);
        } else if (comment.startsWith("##")) {
          normalised = "## " + comment.substring(2);
        } else {
          int i = 0;
          while (i < comment.length() && comment.charAt(i) == '#') {
            i++;
          }
          normalised = "# " + comment.substring(i);
        }
        return line.substring(0, col) + normalised;
      }
    }
    return line;
  }
}
