package io.quiver.script;

import static io.quiver.testkit.golden.GoldenCases.cases;
import static io.quiver.testkit.golden.GoldenCases.expectError;
import static io.quiver.testkit.golden.GoldenCases.expectText;
import static io.quiver.testkit.golden.GoldenCases.external;
import static io.quiver.testkit.golden.GoldenCases.lines;
import static io.quiver.testkit.golden.GoldenCases.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.testkit.golden.GoldenCases;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  static final String EXTERNAL = GoldenCases.EXTERNAL;

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

  static Path resource(String name) {
    return GoldenCases.resource(ScriptGoldenTest.class, name);
  }

  /**
   * The case directory, then (for Tremor's suites) its {@code tremor-script/lib}. Our own cases
   * name the case directory relative to its suite ({@code <case>/}), so that errors that print the
   * module path or a module's file are the same on every machine.
   */
  static ModulePath modulePath(Path dir) {
    if (GoldenCases.isExternal(dir)) {
      Path root = GoldenCases.externalRoot().orElseThrow();
      return new ModulePath(List.of(dir, root.resolveSibling("tremor-script").resolve("lib")));
    }
    return new ModulePath(List.of(dir.getFileName() + "/"), dir.getParent());
  }

  /** The script's name, relative to the module path's base (a module using it is a cycle). */
  static String scriptName(Path dir) {
    return dir.getFileName() + "/script.tremor";
  }

  /** The JSON values of an NDJSON file, plain or {@code .xz} (blank lines skipped). */
  static List<Value> ndjson(Path file) throws Exception {
    List<Value> values = new ArrayList<>();
    for (String line : lines(file)) {
      values.add(Json.parse(line));
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
    expectText(dir.resolve("warning.txt"), String.join("", script.renderedWarnings()));
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
}
