package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file suites in Tremor's fixture layout: {@code scripts/<case>/{script.tremor,in,out}},
 * {@code script_errors/<case>/{script.tremor,error.txt}} and {@code
 * script_runtime_errors/<case>/{script.tremor,in,error.txt}}. Event {@code i} of a case gets meta
 * {} and the state left by event {@code i-1} (null at first); outputs are compared as JSON with
 * sorted keys; rendered errors are compared after trimming.
 *
 * <p>Set {@code -Dquiver.tremor.tests=<tremor-runtime checkout>/tests} to also run Tremor's own
 * suites of the same names (not committed here); without it those factories produce nothing.
 */
class ScriptGoldenTest {
  static final String EXTERNAL = "quiver.tremor.tests";

  /** The origin every test event comes from (Tremor's suites use the same). */
  static final Value ORIGIN =
      Value.obj(
          "scheme",
          Value.of("snot"),
          "host",
          Value.of("test"),
          "port",
          Value.of(23),
          "path",
          Value.array(Value.of("snot")));

  @TestFactory
  Stream<DynamicNode> scripts() {
    return cases(resource("scripts"), ScriptGoldenTest::runScript);
  }

  @TestFactory
  Stream<DynamicNode> scriptErrors() {
    return cases(resource("script_errors"), ScriptGoldenTest::runScriptError);
  }

  @TestFactory
  Stream<DynamicNode> scriptRuntimeErrors() {
    return cases(resource("script_runtime_errors"), ScriptGoldenTest::runRuntimeError);
  }

  @TestFactory
  Stream<DynamicNode> scriptWarnings() {
    return cases(resource("script_warnings"), ScriptGoldenTest::runScriptWarning);
  }

  @TestFactory
  Stream<DynamicNode> tremorScriptWarnings() {
    return external("script_warnings", ScriptGoldenTest::runScriptWarning);
  }

  @TestFactory
  Stream<DynamicNode> tremorScripts() {
    return external("scripts", ScriptGoldenTest::runScript);
  }

  @TestFactory
  Stream<DynamicNode> tremorScriptErrors() {
    return external("script_errors", ScriptGoldenTest::runScriptError);
  }

  @TestFactory
  Stream<DynamicNode> tremorScriptRuntimeErrors() {
    return external("script_runtime_errors", ScriptGoldenTest::runRuntimeError);
  }

  /**
   * The std-library unit tests of the checkout ({@code tremor-cli/tests/stdlib/<folder>}, each with
   * a {@code meta.json} of kind {@code Unit}): one test per {@code test::test} or predicate.
   */
  @TestFactory
  Stream<DynamicNode> tremorStdlib() throws Exception {
    String root = System.getProperty(EXTERNAL);
    if (root == null || root.isBlank()) {
      return Stream.empty();
    }
    Path checkout = Path.of(root).toAbsolutePath().getParent();
    Path lib = checkout.resolve("tremor-script").resolve("lib");
    Path stdlib = checkout.resolve("tremor-cli/tests/stdlib");
    if (!Files.isDirectory(stdlib)) {
      return Stream.empty();
    }
    List<DynamicNode> folders = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> list = Files.list(stdlib)) {
      dirs = list.filter(d -> Files.isRegularFile(d.resolve("meta.json"))).sorted().toList();
    }
    for (Path dir : dirs) {
      if (!(Json.parse(read(dir.resolve("meta.json"))) instanceof Value.Obj meta)
          || !Value.of("Unit").equals(meta.get("kind"))) {
        continue;
      }
      String include = meta.get("includes") instanceof Value.Str s ? s.value() : "all.tremor";
      UnitTests.Report report =
          UnitTests.run(read(dir.resolve(include)), include, new ModulePath(List.of(dir, lib)));
      List<DynamicNode> tests = new ArrayList<>();
      if (report.parseError() != null) {
        tests.add(DynamicTest.dynamicTest(include, () -> fail(report.parseError())));
      }
      for (UnitTests.Result r : report.results()) {
        tests.add(
            DynamicTest.dynamicTest(
                r.suite() + ": " + r.name(),
                () -> {
                  if (!r.passed()) {
                    fail(r.failure());
                  }
                }));
      }
      folders.add(
          DynamicContainer.dynamicContainer("tremor/stdlib/" + dir.getFileName(), tests.stream()));
    }
    return folders.stream();
  }

  // ------------------------------------------------------------------ runners

  interface CaseRunner {
    void run(Path dir) throws Exception;
  }

  static Path resource(String name) {
    try {
      return Path.of(ScriptGoldenTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<DynamicNode> external(String suite, CaseRunner runner) {
    String root = System.getProperty(EXTERNAL);
    if (root == null || root.isBlank()) {
      return Stream.empty();
    }
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "tremor/" + suite, cases(Path.of(root, suite), runner, "tremor:" + suite + ":")));
  }

  static Stream<DynamicNode> cases(Path suite, CaseRunner runner) {
    return cases(suite, runner, "");
  }

  /** The cases of a suite, named {@code prefix + directory name}. */
  static Stream<DynamicNode> cases(Path suite, CaseRunner runner, String prefix) {
    try (Stream<Path> dirs = Files.list(suite)) {
      List<Path> sorted =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("_"))
              .sorted()
              .toList();
      return sorted.stream()
          .map(
              d ->
                  DynamicTest.dynamicTest(
                      prefix + d.getFileName().toString(), d.toUri(), () -> runner.run(d)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The case directory, then (for Tremor's suites) its {@code tremor-script/lib}. Our own cases
   * name the case directory relative to its suite ({@code <case>/}), so that errors that print the
   * module path or a module's file are the same on every machine.
   */
  static ModulePath modulePath(Path dir) {
    String root = System.getProperty(EXTERNAL);
    if (root != null && !root.isBlank() && dir.startsWith(Path.of(root))) {
      return new ModulePath(
          List.of(dir, Path.of(root).resolveSibling("tremor-script").resolve("lib")));
    }
    return new ModulePath(List.of(dir.getFileName() + "/"), dir.getParent());
  }

  /** The script's name, relative to the module path's base (a module using it is a cycle). */
  static String scriptName(Path dir) {
    return dir.getFileName() + "/script.tremor";
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The JSON values of an NDJSON file (blank lines skipped). */
  static List<Value> ndjson(Path file) throws Exception {
    String text;
    Path xz = file.resolveSibling(file.getFileName() + ".xz");
    if (!Files.exists(file) && Files.exists(xz)) {
      try (var in = new org.tukaani.xz.XZInputStream(Files.newInputStream(xz))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } else {
      text = read(file);
    }
    List<Value> values = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        values.add(Json.parse(line));
      }
    }
    return values;
  }

  static List<String> sorted(List<Value> values) {
    return values.stream().map(Json::writeSorted).toList();
  }

  static void runScript(Path dir) throws Exception {
    Script script =
        Script.compile(read(dir.resolve("script.tremor")), "script.tremor", modulePath(dir));
    List<Value> results = new ArrayList<>();
    Value state = Value.NULL;
    List<Value> events = ndjson(dir.resolve("in"));
    for (int i = 0; i < events.size(); i++) {
      Value event = events.get(i);
      ScriptOutcome outcome =
          script.run(
              event, Value.EMPTY_OBJECT, state, Value.EMPTY_OBJECT, new EventContext(i, ORIGIN));
      state = outcome.state();
      if (!outcome.dropped()) {
        results.add(outcome.value());
      }
    }
    assertThat(sorted(results)).containsExactlyElementsOf(sorted(ndjson(dir.resolve("out"))));
  }

  static void runScriptError(Path dir) throws Exception {
    String text = read(dir.resolve("script.tremor"));
    assertThatThrownBy(() -> Script.compile(text, scriptName(dir), modulePath(dir)))
        .isInstanceOfSatisfying(
            ScriptException.class, e -> expectError(dir, e.render(), e.problem()));
  }

  /** {@code warning.txt}: every warning rendered, separated by a blank line (trimmed). */
  static void runScriptWarning(Path dir) throws Exception {
    Script script =
        Script.compile(read(dir.resolve("script.tremor")), "script.tremor", modulePath(dir));
    assertThat(String.join("", script.renderedWarnings()).trim())
        .isEqualTo(read(dir.resolve("warning.txt")).trim());
  }

  static void runRuntimeError(Path dir) throws Exception {
    Script script =
        Script.compile(read(dir.resolve("script.tremor")), "script.tremor", modulePath(dir));
    List<Value> in = ndjson(dir.resolve("in"));
    assertThat(in).hasSize(1);
    try {
      script.run(in.get(0), Value.EMPTY_OBJECT, Value.NULL);
      fail("expected a runtime error");
    } catch (ScriptRuntimeException e) {
      expectError(dir, e.render(), e.problem());
    }
  }

  static void expectError(Path dir, String rendered, String message) {
    try {
      Path re = dir.resolve("error.re");
      if (Files.exists(re)) {
        assertThat(Pattern.compile(read(re).trim()).matcher(message).find())
            .as("%s ~ %s", message, read(re).trim())
            .isTrue();
      } else {
        assertThat(rendered.trim()).isEqualTo(read(dir.resolve("error.txt")).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
