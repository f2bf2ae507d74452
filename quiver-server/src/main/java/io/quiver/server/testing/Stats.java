package io.quiver.server.testing;

import io.quiver.value.Value;

/** Tremor's {@code Stats}: tests passed, failed, skipped and assertions evaluated. */
final class Stats {
  long pass;
  long fail;
  long skip;
  long assertions;

  void add(CaseResult r) {
    switch (r.verdict()) {
      case PASS -> pass++;
      case FAIL -> fail++;
      case SKIP -> skip++;
    }
    assertions += r.assertions();
  }

  void merge(Stats other) {
    pass += other.pass;
    fail += other.fail;
    skip += other.skip;
    assertions += other.assertions;
  }

  Value toValue() {
    return Value.obj(
        "pass",
        Value.of(pass),
        "fail",
        Value.of(fail),
        "skip",
        Value.of(skip),
        "assert",
        Value.of(assertions));
  }

  static Value of(long pass, long fail, long skip, long assertions) {
    Stats s = new Stats();
    s.pass = pass;
    s.fail = fail;
    s.skip = skip;
    s.assertions = assertions;
    return s.toValue();
  }
}
