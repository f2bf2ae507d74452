package io.quiver.server.testing;

import io.quiver.server.testing.AssertSpec.FileAssert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates assert items with Tremor's semantics: the exit status is one assertion, each {@code
 * contains}/{@code doesnt_contain} string and each {@code equals_file} one more; an item with none
 * of them is skipped. A failed check says what was expected and what was found.
 */
final class Asserts {
  /** How many differing lines an {@code equals_file} failure shows. */
  static final int DIFF_LINES = 3;

  private Asserts() {}

  /** One evaluated assertion; {@code failure} is null when it passed. */
  record Check(String description, String info, String failure) {
    boolean passed() {
      return failure == null;
    }
  }

  /** The checks of a run and how many items were skipped (none of the three checks). */
  record Outcome(List<Check> checks, int skipped) {
    boolean passed() {
      return checks.stream().allMatch(Check::passed);
    }

    List<Check> failures() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }
  }

  /** The status check: {@code exit} is null when the process was killed. */
  static Check status(int expected, Integer exit, String killedBecause) {
    String description = "Process expected to exit with status code " + expected;
    if (exit == null) {
      return new Check(
          description, "terminated", "status: expected " + expected + ", but " + killedBecause);
    }
    return new Check(
        description,
        String.valueOf(exit),
        exit == expected ? null : "status: expected " + expected + ", found " + exit);
  }

  /** Evaluates {@code items}; {@code base} is the fallback folder for files (null for none). */
  static Outcome files(List<FileAssert> items, Path cwd, Path base, Path stdout, Path stderr) {
    List<Check> checks = new ArrayList<>();
    int skipped = 0;
    for (FileAssert item : items) {
      if (item.empty()) {
        skipped++;
        continue;
      }
      String stream = item.stream();
      Path file =
          stream == null
              ? locate(item.source(), cwd, base)
              : stream.equals("stdout") ? stdout : stderr;
      String shown = stream == null ? item.source() : stream;
      String text = read(file);
      if (item.contains() != null) {
        for (String c : item.contains()) {
          String want = c.strip();
          String what = "`" + shown + "` contains `" + want + "`: ";
          String failure =
              text == null
                  ? what + missing(shown)
                  : anyLine(text, want) ? null : what + "no line of " + shown + " has it";
          checks.add(new Check("File `" + shown + "` contains", c, failure));
        }
      }
      if (item.doesntContain() != null) {
        for (String c : item.doesntContain()) {
          String avoid = c.strip();
          String what = "`" + shown + "` does not contain `" + avoid + "`: ";
          String failure =
              text == null
                  ? what + missing(shown)
                  : anyLine(text, avoid)
                      ? what + "found in line `" + firstLine(text, avoid) + "`"
                      : null;
          checks.add(new Check("file `" + shown + "` does not contain", c, failure));
        }
      }
      if (item.equalsFile() != null) {
        String expected = read(locate(item.equalsFile(), cwd, base));
        String what = "`" + shown + "` equals `" + item.equalsFile() + "`: ";
        String failure =
            text == null
                ? what + missing(shown)
                : expected == null
                    ? what + missing(item.equalsFile())
                    : expected.equals(text) ? null : what + diff(expected, text);
        checks.add(new Check("File `" + shown + "` equals", item.equalsFile(), failure));
      }
    }
    return new Outcome(checks, skipped);
  }

  /** Where the first lines differ: expected lines prefixed {@code -}, found lines {@code +}. */
  static String diff(String expected, String found) {
    String[] want = lines(expected);
    String[] got = lines(found);
    int i = 0;
    while (i < want.length && i < got.length && want[i].equals(got[i])) {
      i++;
    }
    StringBuilder out = new StringBuilder();
    out.append("first difference at line ")
        .append(i + 1)
        .append(" (expected ")
        .append(want.length)
        .append(" lines, found ")
        .append(got.length)
        .append(")");
    if (i == want.length && i == got.length) {
      out.append(": the files differ only in their final newline");
    }
    for (int k = i; k < Math.min(want.length, i + DIFF_LINES); k++) {
      out.append("\n- ").append(want[k]);
    }
    for (int k = i; k < Math.min(got.length, i + DIFF_LINES); k++) {
      out.append("\n+ ").append(got[k]);
    }
    return out.toString();
  }

  private static Path locate(String name, Path cwd, Path base) {
    Path p = cwd.resolve(name);
    if (!Files.exists(p) && base != null) {
      return base.resolve(name);
    }
    return p;
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String missing(String shown) {
    return "file `" + shown + "` not found";
  }

  private static boolean anyLine(String text, String want) {
    return firstLine(text, want) != null;
  }

  private static String firstLine(String text, String want) {
    return Arrays.stream(lines(text)).filter(l -> l.contains(want)).findFirst().orElse(null);
  }

  /** The lines of {@code text} as Rust's {@code BufRead::lines} gives them. */
  static String[] lines(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    return lines;
  }
}
