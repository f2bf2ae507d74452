package io.quiver.codec.compress;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.testkit.ExternalTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs an independent command-line implementation (gzip, xz, lz4, zstd) as a filter. */
final class CommandLineTool {
  private CommandLineTool() {}

  /**
   * Skips the calling test, with the Debian package to install, when {@code tool} is not on PATH.
   */
  static void assumeInstalled(String tool, String debianPackage) {
    assumeTrue(
        onPath(tool),
        tool + " is not installed: interop test skipped (apt-get install " + debianPackage + ")");
  }

  static boolean onPath(String tool) {
    return ExternalTool.find(tool).isPresent();
  }

  /**
   * Feeds {@code input} to {@code command} and returns its standard output; fails on a non-zero
   * exit.
   */
  static byte[] filter(byte[] input, String... command) throws IOException, InterruptedException {
    return ExternalTool.filter(input, List.of(command));
  }

  static List<String> command(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
