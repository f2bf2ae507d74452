package io.quiver.script;

import io.quiver.script.ast.Expr;
import io.quiver.value.Value;
import java.util.List;

/**
 * A compiled tremor-script program. Immutable and thread-safe: each {@link #run} gets its own
 * locals; state is passed in and handed back in the {@link ScriptOutcome}.
 */
public final class Script {
  private final Source source;
  private final List<Expr> body;
  private final int slots;
  private final Interpreter interpreter;
  private final List<Diagnostic> warnings;

  private Script(
      Source source,
      List<Expr> body,
      int slots,
      Interpreter interpreter,
      List<Diagnostic> warnings) {
    this.source = source;
    this.body = body;
    this.slots = slots;
    this.interpreter = interpreter;
    this.warnings = warnings;
  }

  /** Parses and resolves a {@code .tremor} script; {@code use} searches {@code TREMOR_PATH}. */
  public static Script compile(String text, String sourceName) throws ScriptException {
    return compile(text, sourceName, ModulePath.fromEnvironment());
  }

  /** Parses and resolves a {@code .tremor} script; {@code use} searches {@code modules}. */
  public static Script compile(String text, String sourceName, ModulePath modules)
      throws ScriptException {
    Source source = new Source(sourceName, text);
    return compile(source, Parser.parseScript(source, modules), FunctionRegistry.standard());
  }

  /** Resolves an already parsed body (e.g. a Trickle {@code define script}) of {@code source}. */
  public static Script compile(Source source, List<Expr> parsed, FunctionRegistry functions)
      throws ScriptException {
    Diagnostics diagnostics = new Diagnostics();
    Resolver resolver = new Resolver(source, diagnostics, functions);
    List<Expr> resolved = resolver.resolveScript(parsed);
    diagnostics.throwIfAny(source);
    Interpreter interpreter = new Interpreter(source, functions, resolver.constValues());
    return new Script(
        source, List.copyOf(resolved), resolver.slotCount(), interpreter, diagnostics.warnings());
  }

  /** Tremor's compile warnings (e.g. a match without default), in source order. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /**
   * The warnings rendered in Tremor's layout ({@code Warning: } and the excerpt), one per entry.
   */
  public List<String> renderedWarnings() {
    return warnings.stream().map(w -> DiagnosticRenderer.renderWarning(source, w)).toList();
  }

  public String sourceName() {
    return source.name();
  }

  /** Runs with {@code args} = {} . */
  public ScriptOutcome run(Value event, Value meta, Value state) {
    return run(event, meta, state, Value.EMPTY_OBJECT);
  }

  /**
   * Runs the script on one event.
   *
   * @throws ScriptRuntimeException when evaluation fails (its {@code render()} is Tremor's text)
   */
  public ScriptOutcome run(Value event, Value meta, Value state, Value args) {
    return run(event, meta, state, args, EventContext.NONE);
  }

  /** Runs the script on one event with its ingest time and origin ({@code origin::*}). */
  public ScriptOutcome run(Value event, Value meta, Value state, Value args, EventContext context) {
    Frame f = new Frame(event, meta, state, args, slots);
    f.context = context;
    interpreter.run(body, f);
    return switch (f.halt) {
      case DROP -> new ScriptOutcome(ScriptOutcome.Kind.DROP, null, null, f.event, f.meta, f.state);
      case EMIT ->
          new ScriptOutcome(
              ScriptOutcome.Kind.EMIT, f.haltValue, f.haltPort, f.event, f.meta, f.state);
      case EMIT_EVENT, NONE ->
          new ScriptOutcome(ScriptOutcome.Kind.EMIT, f.event, f.haltPort, f.event, f.meta, f.state);
    };
  }
}
