package io.quiver.server.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConformanceCommandTest {
  @TempDir Path root;

  private void scriptCase(String name, String script, String in, String out) throws Exception {
    Path dir = Files.createDirectories(root.resolve("tests/scripts").resolve(name));
    Files.writeString(dir.resolve("script.tremor"), script);
    Files.writeString(dir.resolve("in"), in);
    Files.writeString(dir.resolve("out"), out);
  }

  private void lib() throws Exception {
    Path std = Files.createDirectories(root.resolve("tremor-script/lib/std"));
    Files.writeString(
        std.resolve("test.tremor"),
        """
        intrinsic fn assert(name, expected, got) as test::assert;
        fn suite(...) with null end;
        fn test(...) with null end;
        """);
  }

  private void unitTests(String folder, String meta, String file, String text) throws Exception {
    Path dir = Files.createDirectories(root.resolve("tremor-cli/tests/stdlib").resolve(folder));
    Files.writeString(dir.resolve("meta.json"), meta);
    Files.writeString(dir.resolve(file), text);
  }

  /** Exit code, then stdout, then (when any) {@code stderr:} and stderr. */
  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CommandLine(
                new ConformanceCommand(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(args);
    String errors = err.toString(StandardCharsets.UTF_8);
    return code
        + "\n"
        + out.toString(StandardCharsets.UTF_8)
        + (errors.isEmpty() ? "" : "stderr:\n" + errors);
  }

  @Test
  void countsOnlyTheCasesTremorListsAndExplainsFailures() throws Exception {
    lib();
    scriptCase("double", "event * 2", "1\n2\n", "2\n4\n");
    scriptCase("wrong", "event + 1", "1\n", "3\n");
    scriptCase("unlisted", "event", "1\n", "9\n");
    Files.writeString(
        root.resolve("tests/script.rs"),
        """
        test_cases!(
            double,
            // a comment
            wrong,
        );
        """);

    assertThat(run("--suite", root.toString(), "--only", "scripts", "--failures"))
        .isEqualTo(
            """
        1
        scripts: 1 passed, 1 failed
          FAIL wrong: result 0: expected 3 but got 2
        1 passed, 1 failed
        """);
  }

  @Test
  void withoutAListEveryCaseFolderCountsAndThePositionalDirStillWorks() throws Exception {
    lib();
    scriptCase("double", "event * 2", "1\n", "2\n");
    scriptCase("_template", "broken(", "", "");

    assertThat(run(root.toString(), "--only", "scripts"))
        .isEqualTo(
            """
        0
        scripts: 1 passed, 0 failed
        1 passed, 0 failed
        """);
  }

  @Test
  void runsTheStdlibUnitTestsOfEveryUnitFolder() throws Exception {
    lib();
    unitTests(
        "maths",
        "{\"kind\": \"Unit\", \"includes\": \"all.tremor\"}",
        "all.tremor",
        """
        use std::test;
        fn twice(x) with x * 2 end;
        test::suite({
          "name": "maths",
          "suite": {
            "name": "maths",
            "tests": [
              test::test({"name": "twice", "test": test::assert("twice", twice(2), 4)}),
              test::test({"name": "wrong", "test": test::assert("wrong", twice(2), 5)}),
              test::test({"name": "missing", "test": test::no_such_fn("a")}),
              1 + 1 == 2
            ]
          }
        });
        """);
    unitTests(
        "broken",
        "{\"kind\": \"Unit\", \"includes\": \"main.tremor\"}",
        "main.tremor",
        "use std::test;\ntest::suite({\n");
    unitTests("other", "{\"kind\": \"Integration\"}", "all.tremor", "this is not tremor");
    scriptCase("double", "event * 2", "1\n", "2\n");

    String output = run("--suite", root.toString(), "--only", "stdlib", "--only", "scripts", "-v");

    // the parse error's wording belongs to the parser's tests
    assertThat(output.replaceAll("main.tremor:\\d+:\\d+: .*", "main.tremor:L:C: <parse error>"))
        .isEqualTo(
            """
            1
            scripts: 1 passed, 0 failed
            stdlib: 2 passed, 3 failed
              FAIL broken/main.tremor: tremor-cli/tests/stdlib/broken/main.tremor:L:C: <parse error>
              FAIL maths/maths/wrong: assertion failed: 4 != 5
              FAIL maths/maths/missing: tremor-cli/tests/stdlib/maths/all.tremor:10:46: Call to\
             undefined function test::no_such_fn
            3 passed, 3 failed
            """);
  }

  @Test
  void aFolderThatIsNoCheckoutIsRefusedNamingWhatIsMissing() throws Exception {
    Files.createDirectories(root.resolve("tests/scripts"));

    assertThat(run("--suite", root.toString()))
        .isEqualTo(
            "2\nstderr:\nError: "
                + root
                + " is not a tremor-runtime checkout: it has no tremor-script/lib/, no"
                + " tests/script_errors/, no tests/script_runtime_errors/, no tests/script_warnings/, no"
                + " tests/queries/, no tests/query_errors/, no tests/query_warnings/, no"
                + " tremor-cli/tests/stdlib/; pass the root of a tremor-runtime v0.11.12 checkout\n");
  }

  @Test
  void anUnknownSuiteIsRefused() throws Exception {
    lib();

    assertThat(run("--suite", root.toString(), "--only", "tests"))
        .isEqualTo(
            "2\nstderr:\n"
                + "Error: unknown suite `tests`; use one of scripts, script_errors, script_runtime_errors,"
                + " script_warnings, queries, query_errors, query_warnings, stdlib\n");
  }

  @Test
  void withoutACheckoutItSaysHowToPassOne() {
    assertThat(run())
        .isEqualTo(
            "2\nstderr:\nError: no checkout given; pass --suite DIR with DIR"
                + " a tremor-runtime v0.11.12 checkout\n");
  }
}
