package io.quiver.server.testing;

import io.quiver.script.ModulePath;
import io.quiver.script.UnitTests;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code all.tremor} of a unit suite, run by {@link UnitTests} (the runner {@code quiver
 * conformance} uses for Tremor's std-library tests): every {@code test::suite} is a suite and each
 * of its tests one result. {@code use} searches {@code TREMOR_PATH} and Quiver's built-in modules;
 * as in Tremor, the test's own folder is not on the module path.
 */
final class UnitSuite {
  private UnitSuite() {}

  /** The results, one per test (one failure when the file does not parse), and the report. */
  record Outcome(List<CaseResult> results, Value report) {}

  static Outcome run(Path file, String label) {
    long start = System.nanoTime();
    UnitTests.Report report;
    try {
      report = UnitTests.run(Files.readString(file), file.toString(), ModulePath.fromEnvironment());
    } catch (IOException e) {
      report = new UnitTests.Report(List.of(), "cannot read " + file + ": " + e.getMessage());
    }
    List<CaseResult> results = new ArrayList<>();
    if (report.parseError() != null) {
      results.add(CaseResult.fail(label, report.parseError(), null));
    }
    Map<String, List<Value>> elements = new LinkedHashMap<>();
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (UnitTests.Result r : report.results()) {
      String name = label + " " + r.suite() + "/" + r.name();
      results.add(
          new CaseResult(
              name,
              r.passed() ? CaseResult.Verdict.PASS : CaseResult.Verdict.FAIL,
              r.failure(),
              1,
              null));
      elements
          .computeIfAbsent(r.suite(), k -> new ArrayList<>())
          .add(ReportElements.element(r.name(), r.failure(), r.passed()));
      counts.computeIfAbsent(r.suite(), k -> new long[2])[r.passed() ? 0 : 1]++;
    }
    long nanos = System.nanoTime() - start;
    Map<String, Value> suites = new LinkedHashMap<>();
    elements.forEach(
        (suite, items) -> {
          long[] c = counts.get(suite);
          suites.put(
              suite,
              ReportElements.suite(
                  suite,
                  suite,
                  Value.array(items),
                  Value.NULL,
                  Stats.of(c[0], c[1], 0, c[0] + c[1]),
                  nanos));
        });
    long passed = report.passed();
    long failed = report.failed();
    Value stats = Stats.of(passed, failed, 0, passed + failed);
    return new Outcome(results, ReportElements.report("unit test suites", suites, stats, nanos));
  }
}
