package io.quiver.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Java program the tests run as a child process (a test Kafka broker, a test search node):
 * started with its output appended to a log file and waited for until it is ready, within a
 * deadline; stopped (SIGTERM, killed after 30 s) or killed (SIGKILL, as after a crash); started
 * again on the same ports and data. Plus what such launchers need: the JVM to run it with, its
 * class path from a file the module's build writes, a free port, the tail of the log. Uses the JDK
 * only, so modules that are not tests themselves can depend on it (without the rest of the test
 * kit).
 */
public final class ChildJvm {
  /** How many of the log's last lines a start-up failure shows. */
  static final int TAIL_LINES = 30;

  private final String name;
  private final Path log;
  private final Duration startDeadline;
  private final Duration pollEvery;
  private Process process;

  /**
   * @param name what messages call it ("the kafka broker")
   * @param log where its output (stdout and stderr) is appended
   * @param startDeadline how long {@link #start} waits for it to be ready
   * @param pollEvery how often {@link #start} asks whether it is ready
   */
  public ChildJvm(String name, Path log, Duration startDeadline, Duration pollEvery) {
    this.name = name;
    this.log = log;
    this.startDeadline = startDeadline;
    this.pollEvery = pollEvery;
  }

  /** Whether it was started and has not ended. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Runs {@code command} (unless it runs already) and returns once {@code ready} says so. It fails
   * with the log's tail when the process exits first, and kills it and fails when the deadline
   * passes first ("NAME did not READY_MEANS in DEADLINE").
   *
   * @param readyMeans what waiting for {@code ready} is, for the message ("open port 9092")
   */
  public synchronized void start(List<String> command, BooleanSupplier ready, String readyMeans)
      throws IOException {
    if (running()) {
      return;
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + startDeadline.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IOException(
            name + " exited with " + process.exitValue() + "; its output:\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IOException(
            name + " did not " + readyMeans + " in " + startDeadline + ":\n" + tail(log));
      }
      try {
        process.waitFor(pollEvery.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IOException("interrupted while " + name + " started", e);
      }
    }
  }

  /** SIGTERM, and waits up to 30 s for a clean shutdown (then kills it). */
  public synchronized void stop() {
    end(false);
  }

  /** SIGKILL: the process is gone at once, as after a crash. */
  public synchronized void kill() {
    end(true);
  }

  private void end(boolean force) {
    Process p = process;
    if (p == null) {
      return;
    }
    if (force) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    process = null;
  }

  /** The java command of this JVM (so the child runs on the same Java). */
  public static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * The class path of a child whose main class is {@code main}: where {@code main} was loaded from
   * (a module's {@code target/classes}) and the list in the file {@code fileName} the module's
   * build writes beside it (in {@code target/}), or in the file the system property {@code
   * property} names.
   *
   * @param module the Maven module that writes the file, for the message when it is missing
   */
  public static String classPath(Class<?> main, String property, String fileName, String module)
      throws IOException {
    Path own = location(main);
    String named = System.getProperty(property);
    Path file = named != null ? Path.of(named) : own.getParent().resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file
              + " is missing: build the "
              + module
              + " module first (./mvnw -pl "
              + module
              + " -am package), which writes it");
    }
    return own + File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port of 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of {@code log}, for a message. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Deletes {@code dir} and everything in it, as far as it can (a temporary directory). */
  public static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left behind
    }
  }
}
