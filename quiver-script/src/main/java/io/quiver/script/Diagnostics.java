package io.quiver.script;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one compilation; the compiler reports the first, keeps them all. */
public final class Diagnostics {
  private final List<Diagnostic> problems = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  /** Something legal but probably wrong (Tremor's warnings); compilation goes on. */
  public void warn(Diagnostic diagnostic) {
    warnings.add(diagnostic);
  }

  public List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  public void report(Diagnostic diagnostic) {
    problems.add(diagnostic);
  }

  public boolean hasErrors() {
    return !problems.isEmpty();
  }

  public List<Diagnostic> all() {
    return List.copyOf(problems);
  }

  /** Throws the first problem, if any, as a {@link ScriptException}. */
  public void throwIfAny(Source source) throws ScriptException {
    if (!problems.isEmpty()) {
      throw new ScriptException(source, problems.get(0), all());
    }
  }
}
