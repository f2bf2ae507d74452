package io.quiver.script;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The most common syntax errors of a regular expression, described the way Rust's {@code regex}
 * crate describes them (Tremor's {@code re|...|} extractor prints that text): the pattern, a caret
 * line under the offending part and {@code error: <kind>}. Patterns Java rejects for other reasons
 * keep Java's description.
 */
final class RustRegexSyntax {
  private RustRegexSyntax() {}

  /** The crate's description of the first problem found in a one-line {@code pattern}, if any. */
  static Optional<String> problem(String pattern) {
    if (pattern.indexOf('\n') >= 0) {
      return Optional.empty();
    }
    Deque<Integer> groups = new ArrayDeque<>();
    boolean expressionBefore = false;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      switch (c) {
        case '\\' -> {
          i += 2;
          expressionBefore = true;
          continue;
        }
        case '[' -> {
          int close = classEnd(pattern, i);
          if (close < 0) {
            return Optional.of(describe(pattern, i, 1, "unclosed character class"));
          }
          i = close + 1;
          expressionBefore = true;
          continue;
        }
        case '(' -> {
          groups.push(i);
          expressionBefore = false;
          if (pattern.startsWith("(?", i)) {
            // skip the group's flags or name up to ':' / '>' / ')'
            int j = i + 2;
            while (j < pattern.length() && ":>)".indexOf(pattern.charAt(j)) < 0) {
              j++;
            }
            if (j < pattern.length() && pattern.charAt(j) == ')') {
              groups.pop();
              expressionBefore = false;
            }
            i = j + 1;
            continue;
          }
        }
        case ')' -> {
          if (groups.isEmpty()) {
            return Optional.of(describe(pattern, i, 1, "unopened group"));
          }
          groups.pop();
          expressionBefore = true;
        }
        case '|' -> expressionBefore = false;
        case '*', '+', '?' -> {
          if (!expressionBefore) {
            return Optional.of(describe(pattern, i, 1, "repetition operator missing expression"));
          }
        }
        default -> expressionBefore = true;
      }
      i++;
    }
    if (!groups.isEmpty()) {
      return Optional.of(describe(pattern, groups.peek(), 1, "unclosed group"));
    }
    return Optional.empty();
  }

  /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
  private static int classEnd(String pattern, int open) {
    int i = open + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    int depth = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[' && pattern.startsWith("[:", i)) {
        int end = pattern.indexOf(":]", i + 2);
        if (end > 0) {
          i = end + 2;
          continue;
        }
      }
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
      i++;
    }
    return -1;
  }

  private static String describe(String pattern, int at, int width, String kind) {
    int column = pattern.codePointCount(0, at);
    return "regex parse error:\n    "
        + pattern
        + "\n    "
        + " ".repeat(column)
        + "^".repeat(width)
        + "\nerror: "
        + kind;
  }
}
