package io.quiver.codec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.testkit.ExternalTool;
import java.io.IOException;
import java.util.List;

/**
 * Runs a Python 3 snippet as an independent reference implementation (PyYAML, msgpack-python from
 * the Debian packages python3-yaml and python3-msgpack). Tests skip with a message when no Python
 * on PATH (or Debian's) has the module.
 */
final class Python {
  private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

  private Python() {}

  /** The interpreter that can import {@code module}; skips the test when there is none. */
  static String withModule(String module, String debianPackage) {
    for (String python : CANDIDATES) {
      try {
        run(python, "import " + module, new byte[0]);
        return python;
      } catch (IOException | InterruptedException e) {
        // try the next one
      }
    }
    assumeTrue(
        false,
        "Python module "
            + module
            + " not found: reference test skipped (apt-get install "
            + debianPackage
            + ")");
    return null;
  }

  /** Runs {@code code} with {@code input} on stdin; returns stdout; fails on a non-zero exit. */
  static byte[] run(String python, String code, byte[] input)
      throws IOException, InterruptedException {
    return ExternalTool.filter(input, List.of(python, "-c", code));
  }
}
