package io.quiver.server.testing;

import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * One {@code command.yml} ({@code {name, tags?, suites: [{name, tags?, cases: [{name, command,
 * env?, tags?, status, expects}]}]}}) run from its folder, wrapped in that folder's {@code
 * before.json} and {@code after.json}. Each case's command is split into words (no shell; {@code
 * tremor} is Quiver), its output goes to {@code fg.<n>.out.log}/{@code fg.<n>.err.log} ({@code n}
 * counts the cases run so far) and it is checked like an {@code assert.yaml}, without the base
 * folder fallback.
 */
final class CommandSuite {
  private final Path file;
  private final Duration timeout;
  private final TestSelection selection;

  CommandSuite(Path file, Duration timeout, TestSelection selection) {
    this.file = file;
    this.timeout = timeout;
    this.selection = selection;
  }

  /** Runs the file's cases, reporting each to {@code sink}; {@code counter} numbers the logs. */
  void run(Tags baseTags, int[] counter, Consumer<CaseResult> sink) throws InterruptedException {
    Path dir = file.getParent();
    String label = selection.base().relativize(file).toString();
    Map<?, ?> doc;
    try {
      if (!(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file))
          instanceof Map<?, ?> m)) {
        throw new IOException("expected a mapping with `suites`");
      }
      doc = m;
    } catch (IOException | YamlEngineException e) {
      sink.accept(CaseResult.fail(label, "Invalid `" + file + "`: " + e.getMessage(), null));
      return;
    }
    try (CaseProcesses processes = new CaseProcesses()) {
      Path before = dir.resolve("before.json");
      if (Files.isRegularFile(before)) {
        try {
          String unmet = processes.startBefore(before, dir);
          if (unmet != null) {
            sink.accept(CaseResult.fail(label, unmet, null));
            return;
          }
        } catch (IOException e) {
          sink.accept(CaseResult.fail(label, e.getMessage(), null));
          return;
        }
      }
      for (Object s : list(doc.get("suites"))) {
        if (s instanceof Map<?, ?> suite) {
          Tags suiteTags = baseTags.join(strings(suite.get("tags")));
          for (Object c : list(suite.get("cases"))) {
            if (c instanceof Map<?, ?> spec) {
              sink.accept(
                  runCase(
                      processes, dir, String.valueOf(suite.get("name")), suiteTags, spec, counter));
            }
          }
        }
      }
      Path after = dir.resolve("after.json");
      if (Files.isRegularFile(after)) {
        try {
          String unfinished = processes.runAfter(after, dir, timeout);
          if (unfinished != null) {
            sink.accept(CaseResult.fail(label, unfinished, null));
          }
        } catch (IOException e) {
          sink.accept(CaseResult.fail(label, e.getMessage(), null));
        }
      }
    }
  }

  private CaseResult runCase(
      CaseProcesses processes,
      Path dir,
      String suite,
      Tags suiteTags,
      Map<?, ?> spec,
      int[] counter)
      throws InterruptedException {
    String name = suite + "/" + String.valueOf(spec.get("name")).strip();
    Tags tags = suiteTags.join(strings(spec.get("tags")));
    Tags.Match match = selection.matches(tags, Set.of("command"));
    if (!match.runs()) {
      return CaseResult.skip(name, TestRun.skipReason(tags, match));
    }
    long start = System.nanoTime();
    List<AssertSpec.FileAssert> expects;
    List<String> words;
    try {
      if (!(spec.get("status") instanceof Number status)) {
        throw new IOException("missing field `status`");
      }
      expects = AssertSpec.items(spec.get("expects"), "expects", "");
      words = ShellWords.split(String.valueOf(spec.get("command")));
      if (words.isEmpty()) {
        throw new IOException("the case command could not be parsed");
      }
      Map<String, String> env = new LinkedHashMap<>();
      if (spec.get("env") instanceof Map<?, ?> e) {
        e.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
      }
      int n = counter[0]++;
      Path out = dir.resolve("fg." + n + ".out.log");
      Path err = dir.resolve("fg." + n + ".err.log");
      Process p =
          processes.start(
              Programs.of(words.get(0), words.subList(1, words.size()), dir), dir, env, out, err);
      boolean ended = processes.awaitExit(p, timeout);
      List<Asserts.Check> checks = new ArrayList<>();
      checks.add(
          Asserts.status(
              status.intValue(),
              ended ? p.exitValue() : null,
              "timed out after " + timeout.toSeconds() + " s and was killed"));
      checks.addAll(Asserts.files(expects, dir, null, out, err).checks());
      long failed = checks.stream().filter(c -> !c.passed()).count();
      Value stats = Stats.of(checks.size() - failed, failed, 0, checks.size());
      long nanos = System.nanoTime() - start;
      Map<String, Value> suites = new LinkedHashMap<>();
      suites.put(
          name,
          ReportElements.suite(
              name,
              "Command-driven test",
              ReportElements.elements(checks),
              Value.NULL,
              stats,
              nanos));
      Value report = ReportElements.report("Command-based test suite", suites, stats, nanos);
      if (failed == 0) {
        return new CaseResult(name, CaseResult.Verdict.PASS, null, checks.size(), report);
      }
      String reason =
          String.join(
                  "\n    ",
                  checks.stream().filter(c -> !c.passed()).map(Asserts.Check::failure).toList())
              + ReportElements.lastLines(
                  err, IntegrationCase.ERR_LINES, err.getFileName().toString());
      return new CaseResult(name, CaseResult.Verdict.FAIL, reason, checks.size(), report);
    } catch (IOException | IllegalArgumentException e) {
      return CaseResult.fail(name, e.getMessage(), null);
    }
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
  }
}
