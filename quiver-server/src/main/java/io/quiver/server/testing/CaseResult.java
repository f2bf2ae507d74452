package io.quiver.server.testing;

import io.quiver.value.Value;

/**
 * How one test went: {@code reason} explains a failure or a skip (may span lines); {@code report}
 * is its Tremor {@code TestReport} (null when skipped); {@code assertions} counts its assertions.
 */
record CaseResult(String name, Verdict verdict, String reason, int assertions, Value report) {

  /** The three outcomes of a test. */
  enum Verdict {
    PASS,
    FAIL,
    SKIP
  }

  static CaseResult skip(String name, String reason) {
    return new CaseResult(name, Verdict.SKIP, reason, 0, null);
  }

  static CaseResult fail(String name, String reason, Value report) {
    return new CaseResult(name, Verdict.FAIL, reason, 0, report);
  }

  /** The console line: {@code PASS name}, {@code FAIL name: reason}, {@code SKIP name: reason}. */
  String line() {
    return reason == null || reason.isEmpty()
        ? verdict + " " + name
        : verdict + " " + name + ": " + reason;
  }
}
