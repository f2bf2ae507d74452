package io.quiver.script;

import io.quiver.value.Utf8File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Loads the module files that {@code use} names, for scripts ({@code .tremor}) and queries ({@code
 * .trickle}) alike: finds the file on the {@link ModulePath}, refuses a module that is already
 * being loaded (Tremor's "Cyclic dependency detected" error), reads it as UTF-8 and hands its
 * source to the caller's parse function, with Tremor's "module not found" error when the file
 * cannot be read.
 *
 * <p>One loader serves a top-level source and every module it loads, so that it knows the whole
 * chain of files being loaded; it starts with the top-level source's own file, if its name is one,
 * so that a module using the script that uses it is a cycle too.
 */
final class ModuleLoader {
  /** Parses a module's source while the loader holds its file as being loaded. */
  @FunctionalInterface
  interface ModuleParser<T> {
    T parse(Source module) throws ScriptException;
  }

  private final ModulePath path;

  /** The files being loaded, outermost first, each with its name as errors show it. */
  private final LinkedHashMap<Path, String> loading = new LinkedHashMap<>();

  ModuleLoader(ModulePath path, Source outermost) {
    this.path = path;
    path.fileOf(outermost.name()).ifPresent(file -> loading.put(file, outermost.name()));
  }

  /** The file of module {@code segments} on the module path, if there is one. */
  Optional<ModulePath.Found> locate(List<String> segments) {
    return path.locate(segments);
  }

  /** Tremor's "module not found" message for {@code segments}, naming each entry searched. */
  String notFoundMessage(List<String> segments) {
    return path.notFoundMessage(segments);
  }

  /** The "module not found" error, placed at the {@code use} statement in {@code from}. */
  ScriptException notFound(Source from, List<String> segments, Span span) {
    return new ScriptException(from, Diagnostic.around(span, notFoundMessage(segments)));
  }

  /**
   * Reads module {@code found} (named {@code segments} by the {@code use} at {@code span} in {@code
   * from}) and parses it with {@code parser}; errors are placed at that {@code use}.
   */
  <T> T load(
      ModulePath.Found found, List<String> segments, Source from, Span span, ModuleParser<T> parser)
      throws ScriptException {
    Path key = found.file().toAbsolutePath().normalize();
    if (loading.containsKey(key)) {
      throw cycle(from, found, span);
    }
    loading.put(key, found.shown());
    try {
      String text = Utf8File.read(found.file());
      return parser.parse(new Source(found.shown(), text));
    } catch (Utf8File.NotUtf8Exception e) {
      throw new ScriptException(
          from,
          Diagnostic.around(span, "the module file " + found.shown() + " is " + e.getMessage()));
    } catch (IOException e) {
      throw notFound(from, segments, span);
    } finally {
      loading.remove(key);
    }
  }

  /**
   * Tremor's cycle error: every file being loaded, then the one that closes the circle; it has no
   * place, like Tremor's.
   */
  private ScriptException cycle(Source from, ModulePath.Found again, Span span) {
    List<String> chain = new ArrayList<>(loading.values());
    chain.add(again.shown());
    return new ScriptException(
        from,
        Diagnostic.unplaced(span, "Cyclic dependency detected: " + String.join(" -> ", chain)));
  }
}
