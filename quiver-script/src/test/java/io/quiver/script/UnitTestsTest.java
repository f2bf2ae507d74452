package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitTestsTest {
  @TempDir Path lib;
  ModulePath modules;

  @BeforeEach
  void testModule() throws Exception {
    Path std = Files.createDirectories(lib.resolve("std"));
    Files.writeString(
        std.resolve("test.tremor"),
        """
        intrinsic fn assert(name, expected, got) as test::assert;
        fn suite(...) with null end;
        fn test(...) with null end;
        """);
    modules = new ModulePath(List.of(lib));
  }

  private static String suite(String name, String tests) {
    return "test::suite({\"name\": \""
        + name
        + "\", \"suite\": {\"name\": \"inner "
        + name
        + "\", \"tests\": ["
        + tests
        + "]}});\n";
  }

  private static String test(String name, String expr) {
    return "test::test({\"name\": \"" + name + "\", \"test\": " + expr + "}),\n";
  }

  @Test
  void eachTestOfEachSuiteHasAResultWithTheReasonItFailed() {
    UnitTests.Report report =
        UnitTests.run(
            "use std::test;\n"
                + suite(
                    "first",
                    test("equal", "test::assert(\"eq\", 1 + 1, 2)")
                        + test("unequal", "test::assert(\"neq\", [1, 2], [2, 1])"))
                + suite(
                    "second",
                    test("runtime error", "1 + \"a\"") + test("no bool", "1") + "2 > 1, 2 < 1"),
            "unit.tremor",
            modules);

    assertThat(report.parseError()).isNull();
    assertThat(report.results())
        .containsExactly(
            new UnitTests.Result("first", "equal", null),
            new UnitTests.Result("first", "unequal", "assertion failed: [1,2] != [2,1]"),
            new UnitTests.Result(
                "second",
                "runtime error",
                "unit.tremor:5:121: The binary operation"
                    + " `+` is not defined for the type `integer` and `string`"),
            new UnitTests.Result("second", "no bool", "evaluated to 1, not a bool"),
            new UnitTests.Result("second", "predicate 3", null),
            new UnitTests.Result("second", "predicate 4", "evaluated to false"));
    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failed()).isEqualTo(4);
  }

  @Test
  void testsSeeTheFilesFunctionsConstantsAndModulesButNotItsOtherStatements() {
    UnitTests.Report report =
        UnitTests.run(
            """
        use std::test;
        const LIMIT = 3;
        fn twice(x) with x * 2 end;
        mod m with fn inc(x) with x + 1 end end;
        let event = 10;
        emit 42;
        """
                + suite(
                    "s",
                    test("uses declarations", "test::assert(\"d\", m::inc(twice(LIMIT)), 7)")
                        + test("event untouched", "test::assert(\"e\", event, {})")),
            "decl.tremor",
            modules);

    assertThat(report.results()).extracting(UnitTests.Result::failure).containsExactly(null, null);
  }

  @Test
  void aTestThatCallsAnUnknownFunctionFailsAloneWithTheCompileError() {
    UnitTests.Report report =
        UnitTests.run(
            "use std::test;\n" + suite("s", test("unknown", "test::nope()") + test("fine", "true")),
            "u.tremor",
            modules);

    assertThat(report.results())
        .containsExactly(
            new UnitTests.Result(
                "s", "unknown", "u.tremor:2:105: Call to undefined function test::nope"),
            new UnitTests.Result("s", "fine", null));
  }

  @Test
  void testsRunWithTheOriginOfTremorsUnitTestRunner() {
    UnitTests.Report report =
        UnitTests.run(
            "use std::test;\n"
                + suite(
                    "o",
                    test(
                        "origin",
                        "test::assert(\"o\", origin::as_uri_string(), \"tremor-script://localhost\")")),
            "o.tremor",
            modules);

    assertThat(report.results())
        .extracting(UnitTests.Result::failure)
        .containsExactly((String) null);
  }

  @Test
  void aFileThatDoesNotParseIsOneFailure() {
    UnitTests.Report report = UnitTests.run("use std::test;\nlet = ;\n", "bad.tremor", modules);

    assertThat(report.results()).isEmpty();
    assertThat(report.parseError()).startsWith("bad.tremor:2:");
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.passed()).isZero();
  }

  @Test
  void callsOtherThanTestSuiteAtTheTopAreNoSuites() {
    UnitTests.Report report =
        UnitTests.run(
            "use std::test;\ntest::test({\"name\": \"x\","
                + " \"test\": false});\ntest::suite({\"name\": \"no tests\"});\n",
            "n.tremor",
            modules);

    assertThat(report.results()).isEmpty();
    assertThat(report.failed()).isZero();
  }
}
