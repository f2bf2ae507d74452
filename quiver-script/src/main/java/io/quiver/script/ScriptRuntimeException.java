package io.quiver.script;

/**
 * A script failed while processing one event (type conflict, missing key, no clause matched...).
 * {@link #getMessage()} is {@code <source>:<line>:<column>: <message>} followed by a newline and
 * the rendered excerpt; {@link #render()} is Tremor's rendering, which becomes the {@code error}
 * field of the event on a script node's {@code err} port.
 */
public final class ScriptRuntimeException extends RuntimeException implements ScriptProblem {
  private static final long serialVersionUID = 1L;

  private final transient Source source;
  private final transient Diagnostic diagnostic;
  private final String rendered;

  public ScriptRuntimeException(Source source, Diagnostic diagnostic) {
    super(
        source.name()
            + ":"
            + diagnostic.line()
            + ":"
            + diagnostic.column()
            + ": "
            + diagnostic.message(),
        null,
        false,
        false);
    this.source = source;
    this.diagnostic = diagnostic;
    this.rendered = DiagnosticRenderer.render(source, diagnostic);
  }

  @Override
  public String getMessage() {
    return super.getMessage() + "\n" + rendered;
  }

  public String render() {
    return rendered;
  }

  /** {@link #render()} headed {@code Error in FILE:LINE:COL}, as {@code tremor run} prints it. */
  public String renderIn(String file) {
    return DiagnosticRenderer.renderIn(source, diagnostic, file);
  }

  @Override
  public Source source() {
    return source;
  }

  @Override
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
