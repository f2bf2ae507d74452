package io.quiver.pipeline;

import static io.quiver.testkit.golden.GoldenCases.cases;
import static io.quiver.testkit.golden.GoldenCases.expectError;
import static io.quiver.testkit.golden.GoldenCases.expectText;
import static io.quiver.testkit.golden.GoldenCases.external;
import static io.quiver.testkit.golden.GoldenCases.lines;
import static io.quiver.testkit.golden.GoldenCases.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ModulePath;
import io.quiver.script.ScriptException;
import io.quiver.testkit.golden.GoldenCases;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file suites in Tremor's fixture layout: {@code queries/<case>/{query.trickle,in,out}} and
 * {@code query_errors/<case>/{query.trickle,error.txt or error.re}}. Event {@code i} enters port
 * {@code in} with id {@code 0:0:i} and ingest_ns {@code i}; outputs of every port are collected in
 * order and compared as JSON with sorted keys. {@code error.re} is a regex found in the message.
 *
 * <p>Set {@code -Dquiver.tremor.tests=<tremor-runtime checkout>/tests} to also run Tremor's own
 * suites (not committed here); without it those factories produce nothing.
 */
class QueryGoldenTest {

  @TestFactory
  Stream<DynamicNode> queries() {
    return cases(resource("queries"), QueryGoldenTest::runQuery);
  }

  @TestFactory
  Stream<DynamicNode> queryErrors() {
    return cases(resource("query_errors"), QueryGoldenTest::runQueryError);
  }

  @TestFactory
  Stream<DynamicNode> queryWarnings() {
    return cases(resource("query_warnings"), QueryGoldenTest::runQueryWarning);
  }

  @TestFactory
  Stream<DynamicNode> tremorQueryWarnings() {
    return external("query_warnings", QueryGoldenTest::runQueryWarning);
  }

  @TestFactory
  Stream<DynamicNode> tremorQueries() {
    return external("queries", QueryGoldenTest::runQuery);
  }

  @TestFactory
  Stream<DynamicNode> tremorQueryErrors() {
    return external("query_errors", QueryGoldenTest::runQueryError);
  }

  static Path resource(String name) {
    return GoldenCases.resource(QueryGoldenTest.class, name);
  }

  /** The case directory, then (for Tremor's suites) its {@code tremor-script/lib}. */
  static ModulePath modulePath(Path dir) {
    if (GoldenCases.isExternal(dir)) {
      Path root = GoldenCases.externalRoot().orElseThrow();
      return new ModulePath(List.of(dir, root.resolveSibling("tremor-script").resolve("lib")));
    }
    return new ModulePath(List.of(dir));
  }

  static List<Value> ndjson(Path file) throws Exception {
    Assumptions.assumeTrue(
        Files.exists(file), "no plain " + file.getFileName() + " (xz not supported)");
    List<Value> values = new ArrayList<>();
    for (String line : lines(file)) {
      values.add(Json.parse(line));
    }
    return values;
  }

  /** Runs every input event through a fresh instance; returns the outputs' data in order. */
  static List<Value> run(PipelineDefinition def, List<Value> inputs) {
    Pipeline pipeline = def.instantiate();
    List<Value> results = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Event e = new Event(new EventId(0, 0, i), i, inputs.get(i), Value.EMPTY_OBJECT, 0);
      pipeline.onEvent(
          "in",
          e,
          new Emitter() {
            @Override
            public void emit(String port, Event out) {
              results.add(out.data());
            }

            @Override
            public void error(PipelineError error) {
              // Tremor's suites expect a failing event to be dropped (its pipeline only logs it)
            }
          });
    }
    return results;
  }

  static void runQuery(Path dir) throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            read(dir.resolve("query.trickle")),
            "query.trickle",
            dir.getFileName().toString(),
            modulePath(dir));
    List<Value> results = run(def, ndjson(dir.resolve("in")));
    assertThat(results.stream().map(Json::writeSorted).toList())
        .containsExactlyElementsOf(
            ndjson(dir.resolve("out")).stream().map(Json::writeSorted).toList());
  }

  /** {@code warning.txt}: every warning rendered, separated by a blank line (trimmed). */
  static void runQueryWarning(Path dir) throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            read(dir.resolve("query.trickle")), "query.trickle", "test", modulePath(dir));
    expectText(dir.resolve("warning.txt"), String.join("", def.warnings()));
  }

  static void runQueryError(Path dir) throws Exception {
    String text = read(dir.resolve("query.trickle"));
    assertThatThrownBy(
            () -> PipelineCompiler.compile(text, "query.trickle", "test", modulePath(dir)))
        .isInstanceOfSatisfying(
            ScriptException.class, e -> expectError(dir, e.render(), e.problem()));
  }
}
