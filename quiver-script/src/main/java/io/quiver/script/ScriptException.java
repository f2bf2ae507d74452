package io.quiver.script;

import java.util.List;

/**
 * A script or query failed to compile (lex, parse or resolve). {@link #getMessage()} is {@code
 * <source>:<line>:<column>: <message>} followed by a newline and the rendered excerpt; {@link
 * #render()} is the excerpt alone, in Tremor's layout.
 */
public final class ScriptException extends Exception {
  private final transient Source source;
  private final transient Diagnostic diagnostic;
  private final transient List<Diagnostic> all;
  private final String rendered;

  public ScriptException(Source source, Diagnostic diagnostic, List<Diagnostic> all) {
    super(headline(source, diagnostic) + "\n" + DiagnosticRenderer.render(source, diagnostic));
    this.source = source;
    this.diagnostic = diagnostic;
    this.all = List.copyOf(all);
    this.rendered = DiagnosticRenderer.render(source, diagnostic);
  }

  public ScriptException(Source source, Diagnostic diagnostic) {
    this(source, diagnostic, List.of(diagnostic));
  }

  private static String headline(Source source, Diagnostic d) {
    return source.name() + ":" + d.line() + ":" + d.column() + ": " + d.message();
  }

  /** The same problem rendered against {@code other} (e.g. a query's text plus newline). */
  public ScriptException renderedFor(Source other) {
    return new ScriptException(other, diagnostic, all);
  }

  /** Tremor's rendering: {@code Error: }, the source excerpt with carets, message and hint. */
  public String render() {
    return rendered;
  }

  public int line() {
    return diagnostic.line();
  }

  public int column() {
    return diagnostic.column();
  }

  public String sourceName() {
    return source.name();
  }

  /** The bare message, e.g. {@code Found the token `x` but expected ...}. */
  public String problem() {
    return diagnostic.message();
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }

  /** Every problem found (the first is the one reported). */
  public List<Diagnostic> diagnostics() {
    return all;
  }
}
