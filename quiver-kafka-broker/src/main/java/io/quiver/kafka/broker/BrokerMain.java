package io.quiver.kafka.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The broker process: {@code BrokerMain --port 9092 [--controller-port 9093] [--dir DIR]
 * [--partitions N]}. Writes {@code DIR/server.properties} (one node that is broker and KRaft
 * controller, listeners on 127.0.0.1 only, replication factors of 1), formats {@code DIR/logs} the
 * first time (a restart on the same directory keeps topics, messages and committed offsets), then
 * runs Kafka's own {@code kafka.Kafka} main until the process is stopped.
 */
public final class BrokerMain {
  private BrokerMain() {}

  /** What the broker is started with. */
  record Options(int port, int controllerPort, Path dir, int partitions) {}

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kafka-broker: " + e.getMessage());
      System.err.println(
          "usage: BrokerMain --port PORT [--controller-port PORT] [--dir DIR] [--partitions N]");
      System.exit(2);
      return;
    }
    Files.createDirectories(options.dir());
    Path props = options.dir().resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(props)) {
      properties(options).store(out, "written by quiver's BrokerMain");
    }
    if (!Files.exists(options.dir().resolve("logs").resolve("meta.properties"))) {
      int status = format(props);
      if (status != 0) {
        System.err.println("kafka-broker: formatting " + options.dir() + " failed: " + status);
        System.exit(1);
      }
    }
    exitWithSupervisor();
    System.out.println(
        "kafka-broker: starting on 127.0.0.1:" + options.port() + ", data in " + options.dir());
    System.out.flush();
    kafka.Kafka.main(new String[] {props.toString()});
  }

  /**
   * Under {@code quiver up} (which sets {@code QUIVER_SUPERVISOR_PID}, as for its Quiver servers):
   * ends this broker when the supervisor is gone, even if it was killed without stopping us.
   */
  private static void exitWithSupervisor() {
    String pid = System.getenv("QUIVER_SUPERVISOR_PID");
    if (pid == null || !pid.matches("[0-9]+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresentOrElse(
            p ->
                p.onExit()
                    .thenRun(
                        () -> {
                          System.err.println("kafka-broker: quiver up is gone; stopping");
                          System.exit(0);
                        }),
            () -> System.exit(0));
  }

  /** Kafka's {@code kafka-storage format -t ID -c FILE}, in this process. */
  private static int format(Path props) {
    String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    return kafka.tools.StorageTool.execute(
        new String[] {"format", "-t", clusterId, "-c", props.toString(), "--ignore-formatted"},
        quiet);
  }

  static Properties properties(Options o) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + o.controllerPort());
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + o.port() + ",CONTROLLER://127.0.0.1:" + o.controllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + o.port());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", o.dir().resolve("logs").toString());
    p.setProperty("num.partitions", Integer.toString(o.partitions()));
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  static Options parse(String[] args) {
    Integer port = null;
    Integer controllerPort = null;
    Path dir = null;
    int partitions = 1;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--port" -> port = port(flag, value);
        case "--controller-port" -> controllerPort = port(flag, value);
        case "--dir" -> dir = Path.of(value);
        case "--partitions" -> partitions = number(flag, value, 1, 10_000);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (port == null) {
      throw new IllegalArgumentException("--port is required");
    }
    if (controllerPort == null) {
      controllerPort = port + 1;
    }
    if (dir == null) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "quiver-kafka-" + port);
    }
    return new Options(port, controllerPort, dir.toAbsolutePath(), partitions);
  }

  private static int port(String flag, String value) {
    return number(flag, value, 1, 65535);
  }

  private static int number(String flag, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        flag + " must be a number from " + min + " to " + max + ", got " + value);
  }
}
