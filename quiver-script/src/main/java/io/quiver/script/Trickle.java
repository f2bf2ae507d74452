package io.quiver.script;

import io.quiver.script.ast.Query;

/**
 * Entry point for Trickle (query) sources: parsing; building the graph is quiver-pipeline's job.
 */
public final class Trickle {
  private Trickle() {}

  /** A parsed query together with its source (for error excerpts of later phases). */
  public record Parsed(Source source, Query query) {}

  public static Parsed parse(String text, String sourceName) throws ScriptException {
    return parse(text, sourceName, ModulePath.fromEnvironment());
  }

  /** Parses a query; {@code use} statements search {@code modules}. */
  public static Parsed parse(String text, String sourceName, ModulePath modules)
      throws ScriptException {
    Source source = new Source(sourceName, text);
    try {
      return new Parsed(source, Parser.parseQuery(source, modules));
    } catch (ScriptException e) {
      throw e.renderedFor(source.withTrailingNewline());
    }
  }
}
