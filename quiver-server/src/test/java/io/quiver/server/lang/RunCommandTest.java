package io.quiver.server.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunCommand command =
        new RunCommand(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = new CommandLine(command).execute(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsAScriptOverStdinKeepingStateAndDroppingWhatItDrops() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("count.tremor"),
            """
        let state = match state of case null => 1 default => state + 1 end;
        match event of
          case "skip" => drop
          case "side" => emit {"n": state} => "side"
          default => {"n": state, "event": event}
        end
        """);

    Result r = run("\"a\"\n\"skip\"\n\n\"side\"\n\"b\"\n", script.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("{\"n\":1,\"event\":\"a\"}\n{\"n\":4,\"event\":\"b\"}\n");
    assertThat(r.err()).isEqualTo("side: {\"n\":3}\n");
  }

  @Test
  void runsAQueryWithWindowsFromAnInputFile() throws Exception {
    Path query =
        Files.writeString(
            dir.resolve("pairs.trickle"),
            """
        define tumbling window two with size = 2 end;
        select aggr::win::collect_flattened(event) from in[two] into out;
        """);
    Path input = Files.writeString(dir.resolve("in.json"), "1\n2\n3\n4\n5\n");

    Result r = run("", query.toString(), "--input", input.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("[1,2]\n[3,4]\n");
  }

  @Test
  void compileErrorsAreRenderedAsTremorDoesAndFail() throws Exception {
    Path script = Files.writeString(dir.resolve("bad.tremor"), "let x = ;\n");

    Result r = run("", script.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("Error: \n    1 | let x = ;\n      |         ^ Found the token `;`");
  }

  @Test
  void everyBrokenStatementIsReportedOneAfterAnother() throws Exception {
    Path script = Files.writeString(dir.resolve("two.tremor"), "let x = 1 1;\nlet y = 2 2;\ny\n");
    String expected =
        "`!=`, `%`, `&`, `*`, `+`, `-`, `/`, `;`, `<`, `<<`, `<=`, `<end-of-stream>`,"
            + " `==`, `>`, `>=`, `>>`, `>>>`, `^`, `and`, `or`, `xor`\n";

    Result r = run("", script.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "Error: \n"
                + "    1 | let x = 1 1;\n"
                + "      |           ^ Found the token `1` but expected one of "
                + expected
                + "      |             NOTE: Did you mean to use `%`?\n"
                + "    2 | let y = 2 2;\n"
                + "    3 | y\n"
                + "\n"
                + "Error: \n"
                + "    1 | let x = 1 1;\n"
                + "    2 | let y = 2 2;\n"
                + "      |           ^ Found the token `2` but expected one of "
                + expected
                + "      |             NOTE: Did you mean to use `%`?\n"
                + "    3 | y\n"
                + "\n");
  }

  @Test
  void badInputLinesAndRuntimeErrorsAreReportedAndTheRunGoesOn() throws Exception {
    Path script = Files.writeString(dir.resolve("field.tremor"), "event.a\n");

    Result r = run("{\"a\":1}\nnot json\n{\"b\":2}\n{\"a\":3}\n", script.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("1\n3\n");
    assertThat(r.err())
        .contains("Error: input line 2 cannot be decoded as json (")
        .contains("Trying to access a non existing event key `a`");
  }

  @Test
  void aScriptThatIsNotUtf8IsReportedWithItsPlace() throws Exception {
    Path script =
        Files.write(
            dir.resolve("latin1.tremor"),
            new byte[] {'e', 'v', 'e', 'n', 't', '\n', '#', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'});

    Result r = run("1\n", script.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "Error: "
                + script
                + ":2:6: not valid UTF-8 at byte 11 (line 2, column 6); save the file as UTF-8\n");
  }

  @Test
  void inputThatIsNotUtf8IsReportedPerLine() throws Exception {
    Path script = Files.writeString(dir.resolve("id.tremor"), "event\n");
    Path input =
        Files.write(
            dir.resolve("in.json"), new byte[] {'1', '\n', '"', (byte) 0xFF, '"', '\n', '3', '\n'});

    Result r = run("", script.toString(), "--input", input.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("1\n3\n");
    assertThat(r.err())
        .isEqualTo(
            "Error: input line 2 cannot be decoded as json (SIMD JSON error: InvalidUtf8 at character 1 ('\\xff')); skipped\n");
  }

  @Test
  void aQueryRuntimeErrorIsPrintedWithItsPlaceInTheFileAndTheExitCodeIs2() throws Exception {
    Path query =
        Files.writeString(dir.resolve("foo.trickle"), "select event.foo from in into out;\n");

    Result r = run("{}\n{\"foo\":1}\n", query.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("1\n");
    assertThat(r.err())
        .isEqualTo(
            "Error in "
                + query
                + ":1:14 \n"
                + "    1 | select event.foo from in into out;\n"
                + "      |              ^^^ Trying to access a non existing event key `foo`\n"
                + "\n");
  }

  @Test
  void aScriptRuntimeErrorIsPrintedWithItsPlaceInTheFile() throws Exception {
    Path script = Files.writeString(dir.resolve("field.tremor"), "event.a\n");

    Result r = run("{}\n", script.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "Error in "
                + script
                + ":1:7 \n"
                + "    1 | event.a\n"
                + "      |       ^ Trying to access a non existing event key `a`\n"
                + "\n");
  }

  @Test
  void otherFileKindsAreRefusedWithAHint() throws Exception {
    Path other = Files.writeString(dir.resolve("x.txt"), "event");

    Result r = run("", other.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "Error: "
                + other
                + " is neither a .tremor script nor a .trickle query; rename it to say which it is\n");
  }

  @Test
  void codecsAndProcessorChainsAreAppliedInOrder() throws Exception {
    Path script = Files.writeString(dir.resolve("inc.tremor"), "event.n + 1\n");
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    String input =
        b64.encodeToString("{\"n\":1}".getBytes(StandardCharsets.UTF_8))
            + "\n"
            + b64.encodeToString("{\"n\":41}".getBytes(StandardCharsets.UTF_8))
            + "\n";

    Result r =
        run(
            input,
            script.toString(),
            "--pre-processor",
            "lines",
            "--pre-processor",
            "base64",
            "-e",
            "string",
            "--post-processor",
            "base64",
            "--post-processor",
            "lines");

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            b64.encodeToString("2".getBytes(StandardCharsets.UTF_8))
                + "\n"
                + b64.encodeToString("42".getBytes(StandardCharsets.UTF_8))
                + "\n");
  }

  @Test
  void otherDecodersReadTheirOwnFormat() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("len.tremor"), "{\"text\": event, \"len\": string::len(event)}\n");

    Result r = run("héllo\nworld\n", script.toString(), "-d", "string");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("{\"text\":\"héllo\",\"len\":5}\n" + "{\"text\":\"world\",\"len\":5}\n");
  }

  @Test
  void thePortOptionChoosesWhichPortReachesTheOutput() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("route.tremor"),
            """
        match event of
          case 1 => emit "one" => "alerts"
          default => event
        end
        """);

    Result r = run("1\n2\n", script.toString(), "-p", "alerts");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("\"one\"\n");
    assertThat(r.err()).isEqualTo("out: 2\n");
  }

  @Test
  void unknownCodecsAndProcessorsAreAllReportedWithTheKnownNames() throws Exception {
    Path script = Files.writeString(dir.resolve("id.tremor"), "event\n");

    Result r =
        run(
            "1\n",
            script.toString(),
            "-d",
            "jsn",
            "--pre-processor",
            "lines",
            "--pre-processor",
            "unzip",
            "--post-processor",
            "gzipp");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).hasSize(3);
    assertThat(r.err())
        .startsWith("Error Codec jsn not found error. Known: ")
        .contains("\nError Preprocessor unzip not found error. Known: ")
        .contains("\nError Postprocessor gzipp not found error. Known: ")
        .contains("msgpack")
        .contains("lines-null")
        .contains("gzip");
  }

  @org.junit.jupiter.api.AfterEach
  void defaultRecursionLimit() {
    io.quiver.script.RecursionLimit.set(io.quiver.script.RecursionLimit.DEFAULT);
  }

  private static final String COUNT =
      """
      fn count(n, acc) with
        match n of
          case 0 => acc
          default => recur(n - 1, acc + 1)
        end
      end;
      fn depth(n) with
        match n of
          case 0 => 0
          default => 1 + depth(n - 1)
        end
      end;
      [count(event, 0), depth(event)]
      """;

  @Test
  void recursionInsideTheLimitWorksAndBeyondItIsTremorsErrorWithoutAStackTrace() throws Exception {
    Path script = Files.writeString(dir.resolve("count.tremor"), COUNT);

    Result r = run("1000\n1023\n1024\n2\n", script.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("[1000,1000]\n[1023,1023]\n[2,2]\n");
    assertThat(r.err())
        .contains("[count(event, 0), depth(event)]")
        .contains("^^^^^^^^^^^^^^^ Recursion limit Reached\n")
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("Error:\n\tat");
  }

  @Test
  void theRecursionLimitIsTremorsFlag() throws Exception {
    Path script = Files.writeString(dir.resolve("count.tremor"), COUNT);

    Result low = run("9\n10\n", script.toString(), "-r", "10");
    Result high = run("3000\n", script.toString(), "--recursion-limit", "5000");
    Result bad = run("1\n", script.toString(), "-r", "0");

    assertThat(low.code()).isEqualTo(2);
    assertThat(low.out()).isEqualTo("[9,9]\n");
    assertThat(low.err()).contains("Recursion limit Reached");
    assertThat(high.code()).isZero();
    assertThat(high.out()).isEqualTo("[3000,3000]\n");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .isEqualTo("Error: invalid recursion limit 0: it must be between 1 and 1000000\n");
  }

  @Test
  void aDeeplyNestedQueryIsAPlacedCompileErrorWithoutAStackTrace() throws Exception {
    Path query =
        Files.writeString(
            dir.resolve("deep.trickle"),
            "select " + "[".repeat(50_000) + "event" + "]".repeat(50_000) + " from in into out;\n");

    Result r = run("1\n", query.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("Error: \n    1 | select [[[[")
        .contains("^ The expression is nested too deeply: more than 256 levels\n")
        .doesNotContain("\tat ");
  }

  @Test
  void deeplyNestedYamlInputIsADecodeErrorWithoutAStackTrace() throws Exception {
    Path script = Files.writeString(dir.resolve("id.tremor"), "event\n");

    Result r =
        run(
            "[1]\n" + "[".repeat(50_000) + "]".repeat(50_000) + "\n[2]\n",
            script.toString(),
            "-d",
            "yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("[1]\n[2]\n");
    assertThat(r.err())
        .isEqualTo(
            "Error: input line 2 cannot be decoded as yaml (Invalid YAML"
                + " data: recursion limit exceeded: more than 128 nested sequences and mappings are not"
                + " supported at line 1 column 129); skipped\n");
  }
}
