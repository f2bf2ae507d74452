package io.quiver.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program installed on this machine used as an independent reference in a test (gzip, python3, a
 * browser, ...): found on the PATH, or run as a filter from stdin to stdout.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** The first of {@code names} found as an executable in a PATH folder (folders first). */
  public static Optional<Path> find(String... names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Feeds {@code input} to {@code command} and returns its standard output; an {@link IOException}
   * naming the command when it exits with another status than 0 (with its standard error), does not
   * finish within 60 s, or did not take all of the input.
   */
  public static byte[] filter(byte[] input, List<String> command)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    IOException notRead = null;
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    } catch (IOException e) {
      notRead = e; // it may have exited before reading (a failed import): its status says why
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
              + new String(stderr.join(), StandardCharsets.UTF_8));
    }
    if (notRead != null) {
      throw notRead;
    }
    return out;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
