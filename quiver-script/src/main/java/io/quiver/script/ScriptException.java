package io.quiver.script;

import java.util.List;

/**
 * A script or query failed to compile (lex, parse or resolve). {@link #getMessage()} is {@code
 * <source>:<line>:<column>: <message>} followed by a newline and the rendered excerpt; {@link
 * #render()} is the excerpt alone, in Tremor's layout.
 */
public final class ScriptException extends Exception implements ScriptProblem {
  private static final long serialVersionUID = 1L;

  private final transient Source source;
  private final transient Diagnostic diagnostic;
  private final transient List<Diagnostic> all;
  private final String rendered;
  private final boolean plain;

  public ScriptException(Source source, Diagnostic diagnostic, List<Diagnostic> all) {
    this(source, diagnostic, all, false);
  }

  private ScriptException(
      Source source, Diagnostic diagnostic, List<Diagnostic> all, boolean plain) {
    super(
        headline(source, diagnostic)
            + "\n"
            + (plain
                ? diagnostic.message()
                : renderEach(source, all.isEmpty() ? List.of(diagnostic) : all)));
    this.source = source;
    this.diagnostic = diagnostic;
    this.all = List.copyOf(all);
    this.plain = plain;
    this.rendered = plain ? diagnostic.message() : DiagnosticRenderer.render(source, diagnostic);
  }

  /**
   * A problem Tremor reports as a bare message without a source excerpt (e.g. a bad window
   * configuration); {@link #render()} is the message, {@link #getMessage()} still has the place.
   */
  public static ScriptException plain(Source source, Diagnostic diagnostic) {
    return new ScriptException(source, diagnostic, List.of(diagnostic), true);
  }

  public ScriptException(Source source, Diagnostic diagnostic) {
    this(source, diagnostic, List.of(diagnostic));
  }

  private static String renderEach(Source source, List<Diagnostic> problems) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : problems) {
      out.append(DiagnosticRenderer.render(source, d));
    }
    return out.toString();
  }

  private static String headline(Source source, Diagnostic d) {
    String name = d.origin() != null ? d.origin().name() : source.name();
    return name + ":" + d.line() + ":" + d.column() + ": " + d.message();
  }

  /** The same problem rendered against {@code other} (e.g. a query's text plus newline). */
  public ScriptException renderedFor(Source other) {
    return new ScriptException(other, diagnostic, all, plain);
  }

  /**
   * Tremor's rendering of the first problem: {@code Error: }, the source excerpt with carets,
   * message and hint.
   */
  public String render() {
    return rendered;
  }

  /**
   * Every problem found, each rendered as {@link #render()} renders the first, one after another
   * (Tremor reports only the first; Quiver goes on after a statement that does not parse).
   */
  public String renderAll() {
    if (plain || all.size() <= 1) {
      return rendered;
    }
    return renderEach(source, all);
  }

  @Override
  public Source source() {
    return source;
  }

  @Override
  public Diagnostic diagnostic() {
    return diagnostic;
  }

  /** Every problem found (the first is the one reported). */
  public List<Diagnostic> diagnostics() {
    return all;
  }
}
