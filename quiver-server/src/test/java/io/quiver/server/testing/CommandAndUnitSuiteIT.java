package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command and unit suites of {@code src/test/resources/harness-other} through {@link
 * TestRun}: commands start real processes ({@code tremor} is Quiver in a new JVM), unit tests run
 * on the shared std-library runner.
 */
class CommandAndUnitSuiteIT {
  @TempDir Path tmp;
  Path suite;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @BeforeEach
  void copySuite() throws Exception {
    suite = tmp.resolve("suite");
    Path from = Path.of(Objects.requireNonNull(getClass().getResource("/harness-other")).toURI());
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path to = suite.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  private TestRunReport run(TestMode mode, Set<String> includes, Set<String> excludes)
      throws Exception {
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Set<String> in = new LinkedHashSet<>(includes);
    return new TestRun(new TestSelection(suite, in, excludes), Duration.ofSeconds(60), false, out)
        .run(mode, in);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void commandCasesRunWithoutAShellAndAreCheckedLikeAsserts() throws Exception {
    TestRunReport report = run(TestMode.parse("api"), Set.of(), Set.of("skipme"));

    assertThat(output().lines().filter(l -> !l.startsWith(" ")).toList())
        .as(output())
        .containsExactly(
            "PASS self/version",
            "PASS shell words/quoted argument and status",
            "FAIL shell words/wrong expectation: `stdout` does not contain `hello`: found in line"
                + " `hello`",
            "SKIP shell words/left out: tags [all, command, words, skipme] (skipme)");
    Stats total = report.total();
    assertThat(new long[] {total.pass, total.fail, total.skip}).containsExactly(2, 1, 1);
    assertThat(Files.readString(suite.resolve("cli/fg.1.out.log"))).isEqualTo("one two\n");
    assertThat(suite.resolve("cli/fg.2.out.log")).exists();
    assertThat(suite.resolve("cli/fg.3.out.log")).doesNotExist();
  }

  @Test
  void unitSuitesReportEachTest() throws Exception {
    TestRunReport report = run(TestMode.UNIT, Set.of(), Set.of());

    assertThat(output().lines().toList())
        .as(output())
        .containsExactly(
            "PASS lib/all.tremor harness unit suite/upper",
            "FAIL lib/all.tremor harness unit suite/wrong: assertion failed: 2 != 3",
            "PASS lib/all.tremor harness unit suite/predicate 3");
    assertThat(report.total().fail).isEqualTo(1);
  }

  @Test
  void allRunsEveryKindAndIncludesSelectByTag() throws Exception {
    TestRunReport report = run(TestMode.ALL, Set.of("words"), Set.of());

    assertThat(output())
        .contains("SKIP self/version: tags [all, command] not included")
        .contains("PASS shell words/quoted argument and status")
        .contains("SKIP lib/all.tremor: tags [all, unit] not included");
    assertThat(report.total().skip).isEqualTo(2);
  }
}
