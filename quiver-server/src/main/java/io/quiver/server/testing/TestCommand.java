package io.quiver.server.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver test [MODE] [PATH]}: Tremor's test harness ({@code tremor test}). */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run Tremor test suites: the folders under PATH with a meta.json of the chosen kind.",
      "Prints PASS/FAIL/SKIP per test and `N passed, M failed, K skipped` last;"
          + " exits 0 when nothing failed, 1 when something did, 2 on bad usage."
    })
public final class TestCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODE",
      description =
          "all (default), bench (benchmark), command (api, rest), integration (it) or unit.")
  String mode = "all";

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = "The folder searched for meta.json files (default: tests).")
  Path path = Path.of("tests");

  @Option(
      names = {"-o", "--report"},
      paramLabel = "REPORT",
      description = "Where the JSON report goes (default: report.json).")
  Path report = Path.of("report.json");

  @Option(
      names = {"-i", "--includes"},
      paramLabel = "TAG",
      arity = "1..*",
      description = "Run tests carrying one of these tags (repeatable).")
  List<String> includes = new ArrayList<>();

  @Option(
      names = {"-e", "--excludes"},
      paramLabel = "TAG",
      arity = "1..*",
      description = "Skip tests carrying one of these tags, unless included (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only failures and the closing line.")
  boolean quiet;

  @Option(
      names = "--timeout",
      paramLabel = "SECS",
      description =
          "How long one integration/bench case or one command may run before it fails and its"
              + " processes are killed (default: ${DEFAULT-VALUE}).")
  long timeoutSecs = 300;

  @Option(
      names = "--tremor-json",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "The Quivers the cases start write JSON as Tremor 0.11 does (its key order and float"
              + " reading: Tremor's suites compare its output byte for byte); --no-tremor-json"
              + " runs them with Quiver's insertion order and exact numbers. Default: on.")
  boolean tremorJson = true;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    TestMode kind;
    try {
      kind = TestMode.parse(mode);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      return 2;
    }
    CaseProcesses.useTremorJson(tremorJson);
    if (timeoutSecs <= 0) {
      err.println("Error: --timeout must be a positive number of seconds");
      return 2;
    }
    Path root = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      err.println("Error: failed to walk directory `" + path + "`: no such folder");
      return 2;
    }
    Set<String> in = new LinkedHashSet<>(includes);
    TestRun run =
        new TestRun(
            new TestSelection(root, in, new LinkedHashSet<>(excludes)),
            Duration.ofSeconds(timeoutSecs),
            quiet,
            out);
    TestRunReport result;
    try {
      result = run.run(kind, in);
    } catch (IOException e) {
      err.println("Error: " + e.getMessage());
      return 2;
    }
    Stats total = result.total();
    out.println(total.pass + " passed, " + total.fail + " failed, " + total.skip + " skipped");
    try {
      result.write(report, List.copyOf(in), excludes);
    } catch (IOException e) {
      err.println("Error: Failed to write report to `" + report + "`: " + e.getMessage());
      return 1;
    }
    return total.fail == 0 ? 0 : 1;
  }
}
