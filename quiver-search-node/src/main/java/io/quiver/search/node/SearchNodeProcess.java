package io.quiver.search.node;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link SearchNodeMain} node as a child process and stops, kills or restarts it (same
 * ports, same data). Its class path is read from {@code node.classpath}, which the
 * quiver-search-node build writes to its {@code target/}: found through the system property {@code
 * quiver.search.node.classpath}, else beside this class's {@code target/classes}.
 *
 * <p>Its output goes to {@code DIR/node.log}. {@link #start} returns once the node said it is ready
 * (started and warmed up) and answers {@code GET /} with 200 on its HTTP port.
 */
public final class SearchNodeProcess implements AutoCloseable {
  /** How long a node gets to answer. */
  public static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private final int port;
  private final int transportPort;
  private final Path dir;
  private Process process;
  private int startLine;

  private SearchNodeProcess(int port, int transportPort, Path dir) {
    this.port = port;
    this.transportPort = transportPort;
    this.dir = dir;
  }

  /** A node on free ports of 127.0.0.1 with its data in a new temporary directory, started. */
  public static SearchNodeProcess startEphemeral() throws IOException {
    Path dir = Files.createTempDirectory("quiver-search-");
    SearchNodeProcess node = new SearchNodeProcess(freePort(), freePort(), dir);
    node.start();
    return node;
  }

  /** {@code http://127.0.0.1:PORT/}: the {@code nodes} entry of an elastic offramp. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Starts the process (again, after {@link #stop} or {@link #kill}) and waits until it answers.
   */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", classPath(), SearchNodeMain.class.getName()));
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--transport-port",
            Integer.toString(transportPort),
            "--dir",
            dir.toString()));
    Files.createDirectories(dir);
    Path log = dir.resolve("node.log");
    startLine = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1).size() : 0;
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (!ready(log) || !answers(port)) {
      if (!process.isAlive()) {
        throw new IOException(
            "the search node exited with " + process.exitValue() + "; its output:\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IOException(
            "the search node did not answer on port "
                + port
                + " in "
                + START_DEADLINE
                + ":\n"
                + tail(log));
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IOException("interrupted while the search node started", e);
      }
    }
  }

  /** SIGTERM, and waits up to 30 s for the node's clean shutdown (then kills it). */
  public synchronized void stop() {
    end(false);
  }

  /** SIGKILL: the node is gone at once, as after a crash. */
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

  /** Stops the node and deletes its data. */
  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left behind
    }
  }

  /** This module's classes and OpenSearch's jars, from {@code node.classpath}. */
  static String classPath() throws IOException {
    Path own = ownLocation();
    String property = System.getProperty("quiver.search.node.classpath");
    Path file =
        property != null
            ? Path.of(property)
            : own.getParent().resolve("node.classpath"); // target/classes -> target/
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file
              + " is missing: build the quiver-search-node module first"
              + " (./mvnw -pl quiver-search-node package), which writes it");
    }
    return own + File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static Path ownLocation() {
    try {
      return Path.of(
          SearchNodeProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the node's output since its last start says it is ready. */
  private boolean ready(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= startLine; i--) {
        if (lines.get(i).startsWith("search-node: " + SearchNodeMain.READY + " ")) {
          return true;
        }
      }
      return false;
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** Whether {@code GET /} answers 200 (the node has started, not only opened its port). */
  static boolean answers(int port) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2_000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
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

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
