package io.quiver.search.node;

import io.quiver.testkit.ChildJvm;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@link SearchNodeMain} node as a child process and stops, kills or restarts it (same
 * ports, same data). Its class path is read from {@code node.classpath}, which the
 * quiver-search-node build writes to its {@code target/}: found through the system property {@code
 * quiver.search.node.classpath}, else beside this class's {@code target/classes}.
 *
 * <p>Its output goes to {@code DIR/node.log}. {@link #start} returns once the node said it is ready
 * (started and warmed up) and answers {@code GET /} with 200 on its HTTP port. The process itself
 * is run by the test kit's {@link ChildJvm}, as the test Kafka broker is.
 */
public final class SearchNodeProcess implements AutoCloseable {
  /** How long a node gets to answer. */
  public static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private final int port;
  private final int transportPort;
  private final Path dir;
  private final Path log;
  private final ChildJvm jvm;
  private int startLine;

  private SearchNodeProcess(int port, int transportPort, Path dir) {
    this.port = port;
    this.transportPort = transportPort;
    this.dir = dir;
    this.log = dir.resolve("node.log");
    this.jvm = new ChildJvm("the search node", log, START_DEADLINE, Duration.ofMillis(200));
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
    if (jvm.running()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaCommand());
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
    startLine = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1).size() : 0;
    jvm.start(command, () -> ready() && answers(port), "answer on port " + port);
  }

  /** SIGTERM, and waits up to 30 s for the node's clean shutdown (then kills it). */
  public synchronized void stop() {
    jvm.stop();
  }

  /** SIGKILL: the node is gone at once, as after a crash. */
  public synchronized void kill() {
    jvm.kill();
  }

  /** Stops the node and deletes its data. */
  @Override
  public void close() {
    stop();
    ChildJvm.deleteTree(dir);
  }

  /** This module's classes and OpenSearch's jars, from {@code node.classpath}. */
  static String classPath() throws IOException {
    return ChildJvm.classPath(
        SearchNodeMain.class,
        "quiver.search.node.classpath",
        "node.classpath", // target/classes -> target/
        "quiver-search-node");
  }

  /** Whether the node's output since its last start says it is ready. */
  private boolean ready() {
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
    return ChildJvm.freePort();
  }
}
