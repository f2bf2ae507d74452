package io.quiver.server.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JsonSuiteCommandTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JsonSuiteCommand command =
        new JsonSuiteCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = new CommandLine(command).execute(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve("test_parsing").resolve(name), text);
  }

  @Test
  void countsEachCategoryAndSaysHowTheUndecidedCasesWent() throws Exception {
    Files.createDirectories(dir.resolve("test_parsing"));
    write("y_array.json", "[1, \"a\", {\"b\": null}]");
    write("y_minus_zero.json", "[-0]");
    write("n_trailing_comma.json", "[1,]");
    write("n_single_quote.json", "['a']");
    write("i_huge_exponent.json", "[1e999999]");
    write("i_lone_surrogate.json", "[\"\\uD800\"]");
    Files.writeString(dir.resolve("test_parsing").resolve("README"), "not a case");

    Result r = run(dir.toString(), "--failures");

    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            """
        y_: 2 passed, 0 failed
        n_: 2 passed, 0 failed
        i_: 2 passed, 0 failed (1 accepted, 1 rejected)
        total: 6 passed, 0 failed
        accepted i_huge_exponent.json
        rejected i_lone_surrogate.json: InvalidUnicodeCodepoint at character 2 ('\\')
        """);
    assertThat(r.code()).isZero();
  }

  @Test
  void aWrongAnswerFailsAndIsListed() throws Exception {
    Files.createDirectories(dir.resolve("test_parsing"));
    write("y_but_trailing.json", "[1] x");
    write("n_but_fine.json", "[1]");

    Result r = run(dir.resolve("test_parsing").toString(), "--failures");

    assertThat(r.out())
        .isEqualTo(
            """
        y_: 0 passed, 1 failed
        n_: 0 passed, 1 failed
        i_: 0 passed, 0 failed (0 accepted, 0 rejected)
        total: 0 passed, 2 failed
        FAIL n_but_fine.json: accepted, but it is not JSON
        FAIL y_but_trailing.json: rejected (TrailingCharacters at character 4 ('x')), but it is JSON
        """);
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aVeryDeepDocumentNeitherHangsNorStopsTheRun() {
    JsonSuite suite = new JsonSuite(10_000);
    // a document of 100,000 opening brackets: the reader must refuse it, never overflow the stack
    JsonSuite.Result deep =
        suite.run("n_structure_100000_opening_arrays.json", "[".repeat(100_000).getBytes());
    assertThat(deep.outcome()).isIn(JsonSuite.Outcome.REJECTED, JsonSuite.Outcome.CRASHED);
    assertThat(suite.run("y_after.json", "{}".getBytes()).outcome())
        .isEqualTo(JsonSuite.Outcome.ACCEPTED);
  }

  @Test
  void aFolderWithoutCasesIsBadUsage() {
    Result r = run(dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "Error: "
                + dir
                + " has no y_/n_/i_ *.json cases (nor a"
                + " test_parsing folder with them); pass a checkout of https://github.com/nst/JSONTestSuite\n");
  }

  /**
   * The real suite, when a checkout is named by {@code JSON_TEST_SUITE} (it is not part of this
   * repository): every y_ and n_ case passes.
   */
  @Test
  void theRealSuitePasses() {
    String suite = System.getenv("JSON_TEST_SUITE");
    Assumptions.assumeTrue(
        suite != null && !suite.isBlank(),
        "set JSON_TEST_SUITE to a checkout of nst/JSONTestSuite to run it");
    Result r = run(suite, "--failures");
    System.out.print(r.out());
    assertThat(r.out()).doesNotContain("FAIL ");
    assertThat(r.code()).isZero();
  }
}
