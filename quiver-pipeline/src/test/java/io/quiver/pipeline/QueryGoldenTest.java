package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.script.ModulePath;
import io.quiver.script.ScriptException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
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

  interface CaseRunner {
    void run(Path dir) throws Exception;
  }

  static Path resource(String name) {
    try {
      return Path.of(QueryGoldenTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<DynamicNode> external(String suite, CaseRunner runner) {
    String root = System.getProperty("quiver.tremor.tests");
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

  /** The case directory, then (for Tremor's suites) its {@code tremor-script/lib}. */
  static ModulePath modulePath(Path dir) {
    String root = System.getProperty("quiver.tremor.tests");
    if (root != null && !root.isBlank() && dir.startsWith(Path.of(root))) {
      return new ModulePath(
          List.of(dir, Path.of(root).resolveSibling("tremor-script").resolve("lib")));
    }
    return new ModulePath(List.of(dir));
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static List<Value> ndjson(Path file) throws Exception {
    Assumptions.assumeTrue(
        Files.exists(file), "no plain " + file.getFileName() + " (xz not supported)");
    List<Value> values = new ArrayList<>();
    for (String line : read(file).split("\n")) {
      if (!line.isBlank()) {
        values.add(Json.parse(line));
      }
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
    assertThat(String.join("", def.warnings()).trim())
        .isEqualTo(read(dir.resolve("warning.txt")).trim());
  }

  static void runQueryError(Path dir) throws Exception {
    String text = read(dir.resolve("query.trickle"));
    assertThatThrownBy(
            () -> PipelineCompiler.compile(text, "query.trickle", "test", modulePath(dir)))
        .isInstanceOfSatisfying(
            ScriptException.class,
            e -> {
              try {
                Path re = dir.resolve("error.re");
                if (Files.exists(re)) {
                  assertThat(Pattern.compile(read(re).trim()).matcher(e.problem()).find())
                      .as("%s ~ %s", e.problem(), read(re).trim())
                      .isTrue();
                } else {
                  assertThat(e.render().trim()).isEqualTo(read(dir.resolve("error.txt")).trim());
                }
              } catch (IOException io) {
                throw new UncheckedIOException(io);
              }
            });
  }
}
