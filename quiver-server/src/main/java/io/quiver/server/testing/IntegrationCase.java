package io.quiver.server.testing;

import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One integration or bench case, run as Tremor runs it from the case folder: {@code before.json}
 * (started, awaited), {@code quiver server run -n -f <artefacts>} (waited for), {@code after.json}
 * (run to completion), then {@code assert.yaml}, or without one a pass iff the exit status is 0.
 * Unlike Tremor the case has a time limit, after which it fails, and every process it started is
 * stopped when it ends.
 */
final class IntegrationCase {
  /** How many lines of {@code fg.err.log} a failure shows. */
  static final int ERR_LINES = 10;

  private final String kind;
  private final Path dir;
  private final Duration timeout;

  /**
   * @param kind {@code integration} or {@code bench}
   * @param dir the case folder (absolute)
   * @param timeout how long the whole case may take
   */
  IntegrationCase(String kind, Path dir, Duration timeout) {
    this.kind = kind;
    this.dir = dir;
    this.timeout = timeout;
  }

  /** The artefacts: the case's *.yaml, *.tremor, *.trickle files but assert/logger.yaml, sorted. */
  static List<Path> artefacts(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.endsWith(".yaml") || n.endsWith(".tremor") || n.endsWith(".trickle"))
                    && !n.equals("assert.yaml")
                    && !n.equals("logger.yaml");
              })
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  CaseResult run(String name) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<Path> artefacts;
    try {
      artefacts = artefacts(dir);
    } catch (IOException e) {
      return CaseResult.fail(name, "cannot list " + dir + ": " + e.getMessage(), null);
    }
    if (artefacts.isEmpty()) {
      return CaseResult.fail(name, "No tremor artefacts found in '" + dir + "'.", null);
    }
    Integer exit = null;
    String problem = null;
    try (CaseProcesses processes =
        kind.equals("bench") ? new CaseProcesses().withQuiverJson() : new CaseProcesses()) {
      Path beforeFile = dir.resolve("before.json");
      if (Files.isRegularFile(beforeFile)) {
        problem = before(processes, beforeFile);
      }
      if (problem == null) {
        List<String> args = new ArrayList<>(List.of("server", "run", "-n", "-f"));
        artefacts.forEach(a -> args.add(a.toString()));
        Process main =
            processes.start(
                Programs.of("tremor", args, dir),
                dir,
                Map.of("RUST_LOG", "info"),
                dir.resolve("fg.out.log"),
                dir.resolve("fg.err.log"));
        if (processes.awaitExit(main, Duration.ofNanos(deadline - System.nanoTime()))) {
          exit = main.exitValue();
        } else {
          problem =
              "timed out after "
                  + timeout.toSeconds()
                  + " s: `server run` was still running and was killed (end it with an exit"
                  + " offramp, close_on_done or stop_after_secs, or raise --timeout)";
        }
      }
      Path afterFile = dir.resolve("after.json");
      if (Files.isRegularFile(afterFile)) {
        String afterProblem = after(processes, afterFile, deadline);
        problem = problem == null ? afterProblem : problem;
      }
    } catch (IOException e) {
      problem = e.getMessage();
    }
    return verdict(name, exit, problem, System.nanoTime() - start);
  }

  private String before(CaseProcesses processes, Path file)
      throws IOException, InterruptedException {
    return processes.startBefore(file, dir);
  }

  private String after(CaseProcesses processes, Path file, long deadline)
      throws IOException, InterruptedException {
    return processes.runAfter(
        file, dir, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 30_000_000_000L)));
  }

  private CaseResult verdict(String name, Integer exit, String problem, long nanos) {
    Value evidence = ReportElements.evidence(dir, evidenceFiles());
    Path out = dir.resolve("fg.out.log");
    Path err = dir.resolve("fg.err.log");
    Path assertFile = dir.resolve("assert.yaml");
    String errTail =
        (problem != null && problem.startsWith("before.json")
                ? ReportElements.lastLines(dir.resolve("bg.err.log"), ERR_LINES, "bg.err.log")
                : "")
            + ReportElements.lastLines(err, ERR_LINES, "fg.err.log");
    if (!Files.isRegularFile(assertFile)) {
      boolean ok = problem == null && exit != null && exit == 0;
      Value stats = Stats.of(ok ? 1 : 0, ok ? 0 : 1, 0, 0);
      Map<String, Value> suites = new LinkedHashMap<>();
      suites.put(
          "bench",
          ReportElements.suite(
              dir.getFileName().toString(),
              kind + " test suite",
              Value.EMPTY_ARRAY,
              evidence,
              stats,
              nanos));
      Value report = ReportElements.report("Tremor Test Report", suites, stats, nanos);
      String reason =
          ok ? null : problem != null ? problem + errTail : "exit status " + exit + errTail;
      return new CaseResult(
          name, ok ? CaseResult.Verdict.PASS : CaseResult.Verdict.FAIL, reason, 0, report);
    }
    List<Asserts.Check> checks = new ArrayList<>();
    int skipped = 0;
    try {
      AssertSpec spec = AssertSpec.load(assertFile, dir);
      checks.add(Asserts.status(spec.status(), exit, problem == null ? "it did not run" : problem));
      Asserts.Outcome files = Asserts.files(spec.asserts(), dir, spec.base(), out, err);
      checks.addAll(files.checks());
      skipped = files.skipped();
    } catch (IOException e) {
      checks.add(new Asserts.Check("assert.yaml", null, e.getMessage()));
    }
    if (problem != null && checks.stream().allMatch(Asserts.Check::passed)) {
      checks.add(new Asserts.Check("case ran to the end", null, problem));
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    Value stats = Stats.of(checks.size() - failed, failed, skipped, checks.size());
    Map<String, Value> suites = new LinkedHashMap<>();
    suites.put(
        "integration",
        ReportElements.suite(
            dir.getFileName().toString(),
            kind + " test suite",
            ReportElements.elements(checks),
            evidence,
            stats,
            nanos));
    Value report = ReportElements.report("Tremor Test Report", suites, stats, nanos);
    if (failed == 0) {
      return new CaseResult(name, CaseResult.Verdict.PASS, null, checks.size(), report);
    }
    StringBuilder reason = new StringBuilder();
    for (Asserts.Check c : checks) {
      if (!c.passed()) {
        reason
            .append(reason.length() == 0 ? "" : "\n    ")
            .append(c.failure().replace("\n", "\n      "));
      }
    }
    reason.append(errTail);
    return new CaseResult(name, CaseResult.Verdict.FAIL, reason.toString(), checks.size(), report);
  }

  private static Map<String, String> evidenceFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("before: stdout", "bg.out.log");
    files.put("before: stderr", "bg.err.log");
    files.put("after: stdout", "after.out.log");
    files.put("after: stderr", "after.err.log");
    files.put("test: stdout", "fg.out.log");
    files.put("test: stderr", "fg.err.log");
    return files;
  }
}
