package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code quiver server run} child process (this JVM's java and class path) in a folder, its
 * stdout and stderr captured to {@code out.txt} and {@code err.txt} there: for tests that check
 * what a deployment prints.
 */
final class ServerProcess implements AutoCloseable {
  private static final long START_WITHIN_NS = TimeUnit.SECONDS.toNanos(90);

  private final Path dir;
  private final Process process;

  private ServerProcess(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /** Starts {@code server run -f FILES...} with {@code dir} as the working directory. */
  static ServerProcess start(Path dir, List<Path> files) throws IOException {
    return start(dir, files, java.util.Map.of());
  }

  /** As {@link #start(Path, List)}, with {@code env} added to the child's environment. */
  static ServerProcess start(Path dir, List<Path> files, java.util.Map<String, String> env)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add(ProcessHandle.current().info().command().orElseThrow());
    args.add("-cp");
    args.add(System.getProperty("java.class.path"));
    args.add(Main.class.getName());
    args.add("server");
    args.add("run");
    args.add("-n");
    args.add("-f");
    for (Path f : files) {
      args.add(f.toString());
    }
    ProcessBuilder builder =
        new ProcessBuilder(args)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    return new ServerProcess(dir, p);
  }

  /** Waits until 127.0.0.1:{@code port} accepts connections (the server died: fails with logs). */
  void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + START_WITHIN_NS;
    while (!listening(port)) {
      assertThat(process.isAlive()).as("server still running; logs: %s", logs()).isTrue();
      assertThat(System.nanoTime() - deadline < 0)
          .as("listening on %d within 90 s; logs: %s", port, logs())
          .isTrue();
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  /** The stdout lines that pass {@code filter}, once there are {@code count} of them. */
  List<String> awaitStdout(Predicate<String> filter, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<String> lines = stdout().stream().filter(filter).toList();
      if (lines.size() >= count) {
        return lines;
      }
      assertThat(System.nanoTime() - deadline < 0)
          .as("%d matching stdout lines within 30 s, got %s; logs: %s", count, lines, logs())
          .isTrue();
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  /** The first stderr (log) line that passes {@code filter}, waiting up to 30 s for it. */
  String awaitLogLine(Predicate<String> filter) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      for (String line : Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8)) {
        if (filter.test(line)) {
          return line;
        }
      }
      assertThat(System.nanoTime() - deadline < 0)
          .as("a matching log line within 30 s; logs: %s", logs())
          .isTrue();
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  List<String> stdout() throws IOException {
    return Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.UTF_8);
  }

  String logs() throws IOException {
    return "stdout:\n"
        + Files.readString(dir.resolve("out.txt"))
        + "\nstderr:\n"
        + Files.readString(dir.resolve("err.txt"));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
