package io.quiver.server.testing;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the pieces of Tremor's report types ({@code TestReport}, {@code TestSuite}). */
final class ReportElements {
  /** Evidence logs longer than this keep only their end. */
  static final int MAX_EVIDENCE = 64 * 1024;

  private ReportElements() {}

  /** A {@code TestElement}: a predicate with its status. */
  static Value element(String description, String info, boolean passed) {
    return Value.obj(
        "description",
        Value.of(description),
        "keyword",
        Value.of("Predicate"),
        "result",
        Value.obj("status", Value.of(passed ? "Passed" : "Failed"), "duration", Value.of(0)),
        "info",
        info == null ? Value.NULL : Value.of(info),
        "hidden",
        Value.of(false));
  }

  static Value elements(List<Asserts.Check> checks) {
    return Value.array(
        checks.stream().map(c -> element(c.description(), c.info(), c.passed())).toList());
  }

  /** A {@code TestSuite}. */
  static Value suite(
      String name, String description, Value elements, Value evidence, Value stats, long nanos) {
    return Value.obj(
        "name",
        Value.of(name),
        "description",
        Value.of(description),
        "elements",
        elements,
        "evidence",
        evidence,
        "stats",
        stats,
        "duration",
        Value.of(nanos));
  }

  /** A {@code TestReport} holding {@code suites} (name to suite). */
  static Value report(String description, Map<String, Value> suites, Value stats, long nanos) {
    return Value.obj(
        "description", Value.of(description),
        "elements", Value.obj(new LinkedHashMap<>(suites)),
        "stats", stats,
        "duration", Value.of(nanos));
  }

  /** The text of each log that exists, under Tremor's evidence names. */
  static Value evidence(Path dir, Map<String, String> names) {
    LinkedHashMap<String, Value> out = new LinkedHashMap<>();
    names.forEach(
        (key, file) -> {
          String text = tail(dir.resolve(file), MAX_EVIDENCE);
          if (text != null) {
            out.put(key, Value.of(text));
          }
        });
    return Value.obj(out);
  }

  /** The last {@code max} characters of a file (the whole file when shorter), null when absent. */
  static String tail(Path file, int max) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return text.length() <= max ? text : text.substring(text.length() - max);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The last {@code n} lines of a file, each indented, or "" when it is absent or empty. */
  static String lastLines(Path file, int n, String label) {
    String text = tail(file, MAX_EVIDENCE);
    if (text == null || text.isBlank()) {
      return "";
    }
    String[] lines = Asserts.lines(text);
    StringBuilder out = new StringBuilder("\n    last lines of " + label + ":");
    for (int i = Math.max(0, lines.length - n); i < lines.length; i++) {
      out.append("\n      ").append(lines[i]);
    }
    return out.toString();
  }
}
