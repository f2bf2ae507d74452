package io.quiver.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link BrokerMain} broker as a child process and stops, kills or restarts it (same
 * ports, same data). Its class path is read from {@code broker.classpath}, which the
 * quiver-kafka-broker build writes to its {@code target/}: found through the system property {@code
 * quiver.kafka.broker.classpath}, else beside this class's {@code target/classes}.
 *
 * <p>Its output goes to {@code DIR/broker.log}. {@link #start} returns once the broker accepts
 * connections on its port (clients still retry until it has finished starting).
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  /** How long a broker gets to open its port. */
  public static final Duration START_DEADLINE = Duration.ofSeconds(60);

  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final int partitions;
  private Process process;

  private KafkaBrokerProcess(int port, int controllerPort, Path dir, int partitions) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.partitions = partitions;
  }

  /** A broker on free ports of 127.0.0.1 with its data in a new temporary directory, started. */
  public static KafkaBrokerProcess startEphemeral(int partitions) throws IOException {
    Path dir = Files.createTempDirectory("quiver-kafka-");
    KafkaBrokerProcess broker = new KafkaBrokerProcess(freePort(), freePort(), dir, partitions);
    broker.start();
    return broker;
  }

  /**
   * A broker on given ports with its data in {@code dir}, not started yet ({@link #start}); {@code
   * freePort()} gives ports that were free a moment ago.
   */
  public static KafkaBrokerProcess on(int port, int controllerPort, Path dir, int partitions) {
    return new KafkaBrokerProcess(port, controllerPort, dir, partitions);
  }

  /** {@code 127.0.0.1:PORT}: the {@code brokers} entry of a connector. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** Starts the process (again, after {@link #stop} or {@link #kill}) and waits for its port. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.addAll(List.of("-cp", classPath(), BrokerMain.class.getName()));
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--controller-port",
            Integer.toString(controllerPort),
            "--dir",
            dir.toString(),
            "--partitions",
            Integer.toString(partitions)));
    Files.createDirectories(dir);
    Path log = dir.resolve("broker.log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive()) {
        throw new IOException(
            "the kafka broker exited with " + process.exitValue() + "; its output:\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IOException(
            "the kafka broker did not open port "
                + port
                + " in "
                + START_DEADLINE
                + ":\n"
                + tail(log));
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IOException("interrupted while the kafka broker started", e);
      }
    }
  }

  /** SIGTERM, and waits up to 30 s for the broker's clean shutdown (then kills it). */
  public synchronized void stop() {
    end(false);
  }

  /** SIGKILL: the broker is gone at once, as after a crash. */
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

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left behind
    }
  }

  /** This module's classes and Kafka's jars, from {@code broker.classpath}. */
  static String classPath() throws IOException {
    Path own = ownLocation();
    String property = System.getProperty("quiver.kafka.broker.classpath");
    Path file =
        property != null
            ? Path.of(property)
            : own.getParent().resolve("broker.classpath"); // target/classes -> target/
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file
              + " is missing: build the quiver-kafka-broker module first"
              + " (./mvnw -pl quiver-kafka-broker package), which writes it");
    }
    return own + java.io.File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static Path ownLocation() {
    try {
      return Path.of(
          KafkaBrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port of 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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
