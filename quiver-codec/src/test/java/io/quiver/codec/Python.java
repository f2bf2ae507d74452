package io.quiver.codec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    Process process = new ProcessBuilder(python, "-c", code).start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    } catch (IOException e) {
      // the process may exit before reading (failed import)
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("python did not finish within 60 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "python exited with " + process.exitValue() + ": " + new String(err.join()));
    }
    return out.join();
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
