package io.quiver.server.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One harness run: finds the {@code meta.json} files under the base folder (any depth, any case)
 * and runs each suite whose kind the mode selects, printing a line per test.
 */
final class TestRun {
  private final TestSelection selection;
  private final Duration timeout;
  private final boolean quiet;
  private final PrintStream out;
  private final TestRunReport report = new TestRunReport();

  TestRun(TestSelection selection, Duration timeout, boolean quiet, PrintStream out) {
    this.selection = selection;
    this.timeout = timeout;
    this.quiet = quiet;
    this.out = out;
  }

  /**
   * Runs the suites {@code mode} selects; {@code includes} receives {@code all} when a suite of
   * kind {@code All} is met, as in Tremor.
   */
  TestRunReport run(TestMode mode, Set<String> includes) throws IOException, InterruptedException {
    Path base = selection.base();
    TestSelection current = selection;
    for (Path metaFile : IncludeGlob.of("meta.json").files(base)) {
      SuiteMeta meta;
      try {
        meta = SuiteMeta.read(metaFile);
      } catch (IOException e) {
        record(
            "integration",
            CaseResult.fail(base.relativize(metaFile).toString(), e.getMessage(), null));
        continue;
      }
      if (meta.kind() == TestMode.ALL && includes.add("all")) {
        current = new TestSelection(base, includes, selection.excludes());
      }
      if (meta.kind() == TestMode.ALL || !mode.runs(meta.kind())) {
        continue;
      }
      switch (meta.kind()) {
        case BENCH, INTEGRATION -> cases(meta, current);
        case COMMAND -> commands(meta, current);
        case UNIT -> units(meta, current);
        case ALL -> {}
      }
    }
    return report;
  }

  private void cases(SuiteMeta meta, TestSelection sel) throws IOException, InterruptedException {
    String kind = meta.kind().key();
    for (Path dir : IncludeGlob.of(meta.includes()).directories(meta.dir())) {
      String name = selection.base().relativize(dir).toString();
      if (name.isEmpty()) {
        name = dir.getFileName().toString();
      }
      Tags tags = Tags.resolve(selection.base(), dir);
      Tags.Match match = sel.matches(tags, Set.of(kind));
      if (!match.runs()) {
        record(kind, CaseResult.skip(name, skipReason(tags, match)));
        continue;
      }
      CaseResult result = new IntegrationCase(kind, dir, timeout).run(name);
      record(kind, result);
      if (meta.kind() == TestMode.BENCH && !quiet && !Files.exists(dir.resolve("assert.yaml"))) {
        String stdout = ReportElements.tail(dir.resolve("fg.out.log"), ReportElements.MAX_EVIDENCE);
        if (stdout != null && !stdout.isBlank()) {
          java.util.Arrays.stream(Asserts.lines(stdout)).forEach(l -> out.println("      " + l));
        }
      }
    }
  }

  private void commands(SuiteMeta meta, TestSelection sel)
      throws IOException, InterruptedException {
    int[] counter = {0};
    for (Path file : IncludeGlob.of("**/command.yml").files(meta.dir())) {
      Tags tags = Tags.resolve(selection.base(), file.getParent());
      new CommandSuite(file, timeout, sel).run(tags, counter, r -> record("command", r));
    }
  }

  private void units(SuiteMeta meta, TestSelection sel) throws IOException {
    Tags tags = Tags.resolve(selection.base(), meta.dir());
    for (Path file : IncludeGlob.of("all.tremor").files(meta.dir())) {
      String label = selection.base().relativize(file).toString();
      Tags.Match match = sel.matches(tags, Set.of("unit"));
      if (!match.runs()) {
        record("unit", CaseResult.skip(label, skipReason(tags, match)));
        continue;
      }
      UnitSuite.Outcome outcome = UnitSuite.run(file, label);
      outcome.results().forEach(r -> record("unit", r));
      report.addReport("unit", outcome.report());
    }
  }

  /** Why a test was skipped: its tags and the ones that decided. */
  static String skipReason(Tags tags, Tags.Match match) {
    List<String> because = match.because();
    return "tags "
        + tags.values()
        + (because.isEmpty() ? " not included" : " (" + String.join(", ", because) + ")");
  }

  private void record(String kind, CaseResult result) {
    report.add(kind, result);
    if (!quiet || result.verdict() == CaseResult.Verdict.FAIL) {
      out.println(result.line());
    }
    out.flush();
  }
}
