package io.quiver.server.lang;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver conformance DIR}: runs Tremor's language suites from a tremor-runtime checkout
 * (its {@code tests/} folder and {@code tremor-script/lib}) and prints, per suite, how many of
 * the cases Tremor itself runs (the {@code test_cases!} lists of {@code tests/*.rs}) pass.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {"Run Tremor's script and query test suites against Quiver.",
        "DIR is a tremor-runtime checkout (with tests/ and tremor-script/lib)."})
public final class ConformanceCommand implements Callable<Integer> {
  /** Suite folder to the Rust file listing the cases Tremor runs. */
  static final Map<String, String> SUITES = new LinkedHashMap<>();

  static {
    SUITES.put("scripts", "script.rs");
    SUITES.put("script_errors", "script_error.rs");
    SUITES.put("script_runtime_errors", "script_runtime_error.rs");
    SUITES.put("script_warnings", "script_warning.rs");
    SUITES.put("queries", "query.rs");
    SUITES.put("query_errors", "query_error.rs");
    SUITES.put("query_warnings", "query_warning.rs");
  }

  private static final Pattern TEST_CASES =
      Pattern.compile("^test_cases!\\((.*?)\\);", Pattern.DOTALL | Pattern.MULTILINE);

  @Parameters(index = "0", paramLabel = "DIR", description = "A tremor-runtime checkout.")
  Path root;

  @Option(names = {"-s", "--suite"}, paramLabel = "SUITE",
      description = "Only this suite (scripts, script_errors, script_runtime_errors,"
          + " script_warnings, queries, query_errors, query_warnings).")
  String only;

  @Option(names = {"-v", "--verbose"}, description = "List failing cases with the reason.")
  boolean verbose;

  private final PrintStream out;

  public ConformanceCommand() {
    this(System.out);
  }

  ConformanceCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    Path tests = root.resolve("tests");
    if (!Files.isDirectory(tests)) {
      out.println("Error: " + root + " has no tests/ folder; pass the root of a tremor-runtime"
          + " checkout");
      return 1;
    }
    if (only != null && !SUITES.containsKey(only)) {
      out.println("Error: unknown suite `" + only + "`; use one of " + SUITES.keySet());
      return 1;
    }
    Path lib = root.resolve("tremor-script").resolve("lib");
    int failedTotal = 0;
    for (Map.Entry<String, String> suite : SUITES.entrySet()) {
      if (only != null && !only.equals(suite.getKey())) {
        continue;
      }
      Path dir = tests.resolve(suite.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<String> names = listed(tests.resolve(suite.getValue()), dir);
      int passed = 0;
      List<String> failures = new ArrayList<>();
      for (String name : names) {
        Path caseDir = dir.resolve(name);
        String failure = Files.isDirectory(caseDir)
            ? new ConformanceCase(suite.getKey(), caseDir, Files.isDirectory(lib) ? lib : null).failure()
            : "no such case folder";
        if (failure == null) {
          passed++;
        } else {
          failures.add(name + ": " + failure);
        }
      }
      failedTotal += failures.size();
      out.println(suite.getKey() + ": " + passed + "/" + names.size());
      if (verbose) {
        failures.forEach(f -> out.println("  FAIL " + f));
      }
    }
    return failedTotal == 0 ? 0 : 2;
  }

  /** The cases listed in {@code rs} (all case folders when there is no such file). */
  static List<String> listed(Path rs, Path suiteDir) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isRegularFile(rs)) {
      Matcher m = TEST_CASES.matcher(Files.readString(rs));
      while (m.find()) {
        String body = m.group(1).replaceAll("//[^\\n]*", "");
        for (String name : body.split(",")) {
          if (!name.isBlank()) {
            names.add(name.strip());
          }
        }
      }
      return names;
    }
    try (Stream<Path> dirs = Files.list(suiteDir)) {
      dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .filter(n -> !n.startsWith("_")).sorted().forEach(names::add);
    }
    return names;
  }
}
