package io.quiver.kafka.broker;

import io.quiver.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@link BrokerMain} broker as a child process and stops, kills or restarts it (same
 * ports, same data). Its class path is read from {@code broker.classpath}, which the
 * quiver-kafka-broker build writes to its {@code target/}: found through the system property {@code
 * quiver.kafka.broker.classpath}, else beside this class's {@code target/classes}.
 *
 * <p>Its output goes to {@code DIR/broker.log}. {@link #start} returns once the broker accepts
 * connections on its port (clients still retry until it has finished starting). The process itself
 * is run by the test kit's {@link ChildJvm}, as the test search node is.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  /** How long a broker gets to open its port. */
  public static final Duration START_DEADLINE = Duration.ofSeconds(60);

  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final int partitions;
  private final ChildJvm jvm;

  private KafkaBrokerProcess(int port, int controllerPort, Path dir, int partitions) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.partitions = partitions;
    this.jvm =
        new ChildJvm(
            "the kafka broker", dir.resolve("broker.log"), START_DEADLINE, Duration.ofMillis(100));
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
    if (jvm.running()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaCommand());
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
    jvm.start(command, () -> accepts(port), "open port " + port);
  }

  /** SIGTERM, and waits up to 30 s for the broker's clean shutdown (then kills it). */
  public synchronized void stop() {
    jvm.stop();
  }

  /** SIGKILL: the broker is gone at once, as after a crash. */
  public synchronized void kill() {
    jvm.kill();
  }

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
    stop();
    ChildJvm.deleteTree(dir);
  }

  /** This module's classes and Kafka's jars, from {@code broker.classpath}. */
  static String classPath() throws IOException {
    return ChildJvm.classPath(
        BrokerMain.class,
        "quiver.kafka.broker.classpath",
        "broker.classpath", // target/classes -> target/
        "quiver-kafka-broker");
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
    return ChildJvm.freePort();
  }
}
