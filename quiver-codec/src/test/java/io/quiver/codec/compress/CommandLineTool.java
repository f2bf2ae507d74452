package io.quiver.codec.compress;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Feeds {@code input} to {@code command} and returns its standard output; fails on a non-zero
   * exit.
   */
  static byte[] filter(byte[] input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(false).start();
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within 60 s");
    }
    byte[] out = stdout.join();
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + ": "
              + new String(stderr.join(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> command(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
