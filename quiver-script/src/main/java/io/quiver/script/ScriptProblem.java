package io.quiver.script;

/**
 * What every script failure tells about itself, whether found compiling ({@link ScriptException})
 * or processing an event ({@link ScriptRuntimeException}): the text, and the first problem's place
 * and message.
 */
public sealed interface ScriptProblem permits ScriptException, ScriptRuntimeException {

  /** The text the problem was found in. */
  Source source();

  /** The (first) problem: message, place, hint. */
  Diagnostic diagnostic();

  default int line() {
    return diagnostic().line();
  }

  default int column() {
    return diagnostic().column();
  }

  default String sourceName() {
    return source().name();
  }

  /** The bare message, e.g. {@code Found the token `x` but expected ...}. */
  default String problem() {
    return diagnostic().message();
  }
}
