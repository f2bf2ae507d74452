package io.quiver.server.lang;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver json-conformance DIR}: runs Quiver's JSON reader over a checkout of
 * nst/JSONTestSuite (its {@code test_parsing/} folder) and prints one line per category, then the
 * total. The checkout stays outside this repository.
 */
@Command(
    name = "json-conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run nst/JSONTestSuite's parsing cases against Quiver's JSON reader.",
      "DIR is a JSONTestSuite checkout (or its test_parsing folder).",
      "y_ cases must be accepted, n_ cases rejected with an error, i_ cases may go either way;"
          + " a crash (stack overflow, other exception) or a hang fails in every category.",
      "Exits 0 when all pass, 1 when some fail, 2 on bad usage."
    })
public final class JsonSuiteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A JSONTestSuite checkout.")
  Path root;

  @Option(
      names = {"--failures", "-v", "--verbose"},
      description = "List each failing case with the reason, and how each i_ case went.")
  boolean failures;

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      defaultValue = "10000",
      description =
          "Time one case may take before it counts as a hang (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  private final PrintStream out;
  private final PrintStream err;

  public JsonSuiteCommand() {
    this(System.out, System.err);
  }

  JsonSuiteCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    Path dir =
        Files.isDirectory(root.resolve("test_parsing")) ? root.resolve("test_parsing") : root;
    List<java.nio.file.Path> files = Files.isDirectory(dir) ? JsonSuite.cases(dir) : List.of();
    if (files.isEmpty()) {
      err.println(
          "Error: "
              + root
              + " has no y_/n_/i_ *.json cases (nor a test_parsing folder"
              + " with them); pass a checkout of https://github.com/nst/JSONTestSuite");
      return 2;
    }
    List<JsonSuite.Result> results = new JsonSuite(timeoutMs).run(files);
    int failed = 0;
    for (char category : new char[] {'y', 'n', 'i'}) {
      List<JsonSuite.Result> of = results.stream().filter(r -> r.category() == category).toList();
      long pass = of.stream().filter(JsonSuite.Result::passed).count();
      failed += (int) (of.size() - pass);
      String line = category + "_: " + pass + " passed, " + (of.size() - pass) + " failed";
      if (category == 'i') {
        line +=
            " ("
                + count(of, JsonSuite.Outcome.ACCEPTED)
                + " accepted, "
                + count(of, JsonSuite.Outcome.REJECTED)
                + " rejected)";
      }
      out.println(line);
    }
    out.println("total: " + (results.size() - failed) + " passed, " + failed + " failed");
    if (failures) {
      for (JsonSuite.Result r : results) {
        if (!r.passed()) {
          out.println("FAIL " + r.name() + ": " + describe(r));
        } else if (r.category() == 'i') {
          out.println(
              r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + r.name()
                  + (r.detail().isEmpty() ? "" : ": " + r.detail()));
        }
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private static long count(List<JsonSuite.Result> results, JsonSuite.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  private static String describe(JsonSuite.Result r) {
    return switch (r.outcome()) {
      case ACCEPTED -> "accepted, but it is not JSON";
      case REJECTED -> "rejected (" + r.detail() + "), but it is JSON";
      case CRASHED -> "crashed: " + r.detail();
      case HUNG -> "hung: " + r.detail();
    };
  }
}
