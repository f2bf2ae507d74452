package io.quiver.server.testing;

import io.quiver.server.QuiverVersion;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tremor's {@code report.json}: {@code {metadata, includes, excludes, reports: {bench|integration|
 * command|unit: [TestReport]}, stats: {all, bench, integration, command, unit}}}; stats count tests
 * ({@code pass}, {@code fail}, {@code skip}) and assertions ({@code assert}).
 */
final class TestRunReport {
  private static final List<String> KINDS = List.of("bench", "integration", "command", "unit");

  private final Map<String, List<Value>> reports = new LinkedHashMap<>();
  private final Map<String, Stats> stats = new LinkedHashMap<>();

  TestRunReport() {
    KINDS.forEach(k -> stats.put(k, new Stats()));
  }

  /** Counts {@code result} under {@code kind} and keeps its report, if any. */
  void add(String kind, CaseResult result) {
    stats.get(kind).add(result);
    if (result.report() != null) {
      addReport(kind, result.report());
    }
  }

  /** Keeps a report that is not tied to one result (a unit file's). */
  void addReport(String kind, Value report) {
    reports.computeIfAbsent(kind, k -> new ArrayList<>()).add(report);
  }

  /** All kinds together. */
  Stats total() {
    Stats all = new Stats();
    stats.values().forEach(all::merge);
    return all;
  }

  Value toValue(List<String> includes, List<String> excludes) {
    LinkedHashMap<String, Value> byKind = new LinkedHashMap<>();
    reports.forEach((k, v) -> byKind.put(k, Value.array(v)));
    LinkedHashMap<String, Value> statsOut = new LinkedHashMap<>();
    statsOut.put("all", total().toValue());
    stats.forEach((k, v) -> statsOut.put(k, v.toValue()));
    return Value.obj(
        "metadata",
        Value.obj(
            "name",
            Value.of("quiver"),
            "description",
            Value.of("Quiver: an event-processing engine that runs Tremor 0.11 deployments."),
            "version",
            Value.of(QuiverVersion.quiver())),
        "includes",
        Value.array(includes.stream().map(Value::of).map(Value.class::cast).toList()),
        "excludes",
        Value.array(excludes.stream().map(Value::of).map(Value.class::cast).toList()),
        "reports",
        Value.obj(byKind),
        "stats",
        Value.obj(statsOut));
  }

  void write(Path file, List<String> includes, List<String> excludes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Json.write(toValue(includes, excludes)) + "\n", StandardCharsets.UTF_8);
  }
}
