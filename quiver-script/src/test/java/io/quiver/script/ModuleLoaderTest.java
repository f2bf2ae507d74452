package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleLoaderTest {
  private static final Span SPAN = new Span(Position.START, Position.START.advance('u'));

  @TempDir Path dir;

  private final Source main = new Source("main.tremor", "use a;\n");
  private ModuleLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(dir.resolve("mods/deep"));
    write("main.tremor", "use a;\n");
    write("mods/a.tremor", "fn a() with 1 end;\n");
    write("mods/deep/q.trickle", "define script s script end;\n");
    loader = new ModuleLoader(new ModulePath(List.of("mods", "."), dir), main);
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private ModulePath.Found found(String... segments) {
    return loader.locate(List.of(segments)).orElseThrow();
  }

  /** Loads module {@code name} as a {@code use name;} at {@link #SPAN} in {@code from} would. */
  private <T> T load(String name, Source from, ModuleLoader.ModuleParser<T> parser)
      throws ScriptException {
    return loader.load(found(name), List.of(name), from, SPAN, parser);
  }

  @Test
  void findsScriptAndQueryModulesOnTheModulePath() {
    assertThat(found("a").shown()).isEqualTo("mods/a.tremor");
    assertThat(found("deep", "q").shown()).isEqualTo("mods/deep/q.trickle");
    assertThat(found("main").shown()).isEqualTo("./main.tremor");
    assertThat(loader.locate(List.of("nope"))).isEmpty();
  }

  @Test
  void handsTheModuleSourceUnderItsShownName() throws Exception {
    Source loaded = load("a", main, module -> module);
    assertThat(loaded.name()).isEqualTo("mods/a.tremor");
    assertThat(loaded.text()).startsWith("fn a() with 1 end;");
  }

  @Test
  void aModuleMayBeLoadedAgainOnceItIsDone() throws Exception {
    String one = load("a", main, module -> "one");
    assertThat(one).isEqualTo("one");
    String two = load("a", main, module -> "two");
    assertThat(two).isEqualTo("two");
    // also after its parse failed
    ScriptException failure = new ScriptException(main, Diagnostic.at(SPAN, "boom"));
    assertThatThrownBy(
            () ->
                load(
                    "a",
                    main,
                    module -> {
                      throw failure;
                    }))
        .isSameAs(failure);
    String three = load("a", main, module -> "three");
    assertThat(three).isEqualTo("three");
  }

  @Test
  void aModuleLoadingItselfIsACycle() {
    assertThatThrownBy(() -> load("a", main, outer -> load("a", outer, inner -> inner)))
        .isInstanceOf(ScriptException.class)
        .satisfies(
            e ->
                assertThat(((ScriptException) e).diagnostic().message())
                    .isEqualTo(
                        "Cyclic dependency detected: main.tremor -> mods/a.tremor -> mods/a.tremor"));
  }

  @Test
  void aModuleLoadingTheTopLevelScriptIsACycle() {
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                load(
                    "a",
                    main,
                    outer -> {
                      seen.add(outer.name());
                      return load("main", outer, inner -> inner);
                    }))
        .isInstanceOf(ScriptException.class)
        .satisfies(
            e -> {
              ScriptException error = (ScriptException) e;
              assertThat(error.diagnostic().message())
                  .isEqualTo(
                      "Cyclic dependency detected: main.tremor -> mods/a.tremor -> ./main.tremor");
              assertThat(error.diagnostic().placed()).isFalse();
              assertThat(error.source().name()).isEqualTo("mods/a.tremor");
            });
    assertThat(seen).containsExactly("mods/a.tremor");
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Files.write(dir.resolve("mods/bad.tremor"), new byte[] {'f', 'n', (byte) 0xff});
    assertThatThrownBy(() -> load("bad", main, module -> module))
        .isInstanceOf(ScriptException.class)
        .satisfies(
            e ->
                assertThat(((ScriptException) e).diagnostic().message())
                    .startsWith("the module file mods/bad.tremor is "));
  }

  @Test
  void aFileGoneBeforeItIsReadIsNotFound() throws IOException {
    ModulePath.Found gone = found("a");
    Files.delete(dir.resolve("mods/a.tremor"));
    assertThatThrownBy(() -> loader.load(gone, List.of("a"), main, SPAN, module -> module))
        .isInstanceOf(ScriptException.class)
        .satisfies(
            e -> {
              ScriptException error = (ScriptException) e;
              assertThat(error.diagnostic().message())
                  .isEqualTo(loader.notFoundMessage(List.of("a")));
              assertThat(error.source()).isSameAs(main);
            });
  }

  @Test
  void notFoundNamesTheModuleAndEachEntrySearched() {
    assertThat(loader.notFoundMessage(List.of("x", "y")))
        .isEqualTo(
            "Module `x/y` not found or not readable error in module path: "
                + "\n                         - mods"
                + "\n                         - .");
    ScriptException error = loader.notFound(main, List.of("x", "y"), SPAN);
    assertThat(error.diagnostic().message()).isEqualTo(loader.notFoundMessage(List.of("x", "y")));
    assertThat(error.diagnostic().span()).isEqualTo(SPAN);
  }
}
