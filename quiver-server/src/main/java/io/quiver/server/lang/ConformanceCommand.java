package io.quiver.server.lang;

import io.quiver.script.ModulePath;
import io.quiver.script.UnitTests;
import io.quiver.value.Json;
import io.quiver.value.Value;
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
 * {@code quiver conformance --suite DIR}: runs Tremor's language suites from a tremor-runtime
 * checkout and prints, per suite, how many of the cases Tremor itself runs pass: the fixture suites
 * of {@code tests/} (the cases listed by {@code test_cases!} in {@code tests/*.rs}) and the
 * std-library unit tests of {@code tremor-cli/tests/stdlib} ({@code stdlib}). The last line is the
 * total.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run Tremor's language test suites against Quiver.",
      "DIR is a tremor-runtime v0.11.12 checkout (tests/, tremor-script/lib,"
          + " tremor-cli/tests/stdlib).",
      "Prints `<suite>: N passed, M failed` per suite and the total last;"
          + " exits 0 when all pass, 1 when some fail, 2 on bad usage."
    })
public final class ConformanceCommand implements Callable<Integer> {
  /** Fixture suite folder (under {@code tests/}) to the Rust file listing the cases Tremor runs. */
  static final Map<String, String> SUITES = new LinkedHashMap<>();

  /** The std-library unit tests (under {@code tremor-cli/tests/stdlib}). */
  static final String STDLIB = "stdlib";

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

  @Option(names = "--suite", paramLabel = "DIR", description = "A tremor-runtime checkout.")
  Path suiteRoot;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "A tremor-runtime checkout (same as --suite).")
  Path root;

  @Option(
      names = "--only",
      paramLabel = "SUITE",
      description =
          "Only this suite (repeatable): scripts, script_errors, script_runtime_errors,"
              + " script_warnings, queries, query_errors, query_warnings, stdlib.")
  List<String> only = new ArrayList<>();

  @Option(
      names = {"--failures", "-v", "--verbose"},
      description = "List each failing case with the reason.")
  boolean failures;

  private final PrintStream out;
  private final PrintStream err;

  public ConformanceCommand() {
    this(System.out, System.err);
  }

  ConformanceCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Every suite name, in the order they run. */
  static List<String> suiteNames() {
    List<String> names = new ArrayList<>(SUITES.keySet());
    names.add(STDLIB);
    return names;
  }

  @Override
  public Integer call() throws IOException {
    if (root != null && suiteRoot != null && !root.equals(suiteRoot)) {
      err.println(
          "Error: two checkouts given (" + root + " and --suite " + suiteRoot + "); pass one");
      return 2;
    }
    Path dir = suiteRoot != null ? suiteRoot : root;
    if (dir == null) {
      err.println(
          "Error: no checkout given; pass --suite DIR with DIR a tremor-runtime v0.11.12"
              + " checkout");
      return 2;
    }
    for (String name : only) {
      if (!suiteNames().contains(name)) {
        err.println(
            "Error: unknown suite `" + name + "`; use one of " + String.join(", ", suiteNames()));
        return 2;
      }
    }
    List<String> selected =
        suiteNames().stream().filter(s -> only.isEmpty() || only.contains(s)).toList();
    List<String> missing = missing(dir, selected);
    if (!missing.isEmpty()) {
      err.println(
          "Error: "
              + dir
              + " is not a tremor-runtime checkout: it has no "
              + String.join(", no ", missing)
              + "; pass the root of a tremor-runtime v0.11.12"
              + " checkout");
      return 2;
    }
    Path lib = dir.resolve("tremor-script").resolve("lib");
    long passedTotal = 0;
    long failedTotal = 0;
    for (String suite : selected) {
      List<String> failed = new ArrayList<>();
      long passed =
          suite.equals(STDLIB)
              ? stdlib(dir.resolve("tremor-cli/tests/stdlib"), lib, failed)
              : fixtures(dir.resolve("tests"), suite, lib, failed);
      passedTotal += passed;
      failedTotal += failed.size();
      out.println(suite + ": " + passed + " passed, " + failed.size() + " failed");
      if (failures) {
        failed.forEach(f -> out.println("  FAIL " + f));
      }
    }
    out.println(passedTotal + " passed, " + failedTotal + " failed");
    return failedTotal == 0 ? 0 : 1;
  }

  /** What the selected suites need that {@code dir} lacks, as relative paths. */
  private static List<String> missing(Path dir, List<String> selected) {
    List<String> needed = new ArrayList<>();
    needed.add("tremor-script/lib/");
    for (String suite : selected) {
      needed.add(suite.equals(STDLIB) ? "tremor-cli/tests/stdlib/" : "tests/" + suite + "/");
    }
    return needed.stream().filter(p -> !Files.isDirectory(dir.resolve(p))).toList();
  }

  /** Runs the listed cases of fixture suite {@code suite}; returns how many passed. */
  private static long fixtures(Path tests, String suite, Path lib, List<String> failed)
      throws IOException {
    Path dir = tests.resolve(suite);
    long passed = 0;
    for (String name : listed(tests.resolve(SUITES.get(suite)), dir)) {
      Path caseDir = dir.resolve(name);
      String failure =
          Files.isDirectory(caseDir)
              ? new ConformanceCase(suite, caseDir, lib).failure()
              : "no such case folder";
      if (failure == null) {
        passed++;
      } else {
        failed.add(name + ": " + failure);
      }
    }
    return passed;
  }

  /**
   * Runs the unit-test folders of {@code stdlib} (each has a {@code meta.json} of kind {@code Unit}
   * naming the file in {@code includes}); returns how many tests passed.
   */
  private static long stdlib(Path stdlib, Path lib, List<String> failed) throws IOException {
    List<Path> folders;
    try (Stream<Path> dirs = Files.list(stdlib)) {
      folders = dirs.filter(Files::isDirectory).sorted().toList();
    }
    long passed = 0;
    for (Path folder : folders) {
      String name = folder.getFileName().toString();
      String include;
      try {
        include = unitInclude(folder);
      } catch (Exception e) {
        failed.add(name + ": bad meta.json: " + e.getMessage());
        continue;
      }
      if (include == null) {
        continue;
      }
      Path file = folder.resolve(include);
      if (!Files.isRegularFile(file)) {
        failed.add(name + ": no " + include);
        continue;
      }
      UnitTests.Report report =
          UnitTests.run(
              Files.readString(file),
              "tremor-cli/tests/stdlib/" + name + "/" + include,
              new ModulePath(List.of(folder, lib)));
      if (report.parseError() != null) {
        failed.add(name + "/" + include + ": " + report.parseError());
      }
      for (UnitTests.Result r : report.results()) {
        if (r.passed()) {
          passed++;
        } else {
          failed.add(name + "/" + r.suite() + "/" + r.name() + ": " + r.failure());
        }
      }
    }
    return passed;
  }

  /** The file a unit-test folder includes, or null when the folder is no unit test. */
  private static String unitInclude(Path folder) throws Exception {
    Path meta = folder.resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    if (!(Json.parse(Files.readString(meta)) instanceof Value.Obj o)
        || !(o.get("kind") instanceof Value.Str kind)
        || !kind.value().equals("Unit")) {
      return null;
    }
    return o.get("includes") instanceof Value.Str s ? s.value() : "all.tremor";
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
      dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(n -> !n.startsWith("_"))
          .sorted()
          .forEach(names::add);
    }
    return names;
  }
}
