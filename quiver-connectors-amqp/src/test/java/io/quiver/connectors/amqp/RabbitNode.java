package io.quiver.connectors.amqp;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway RabbitMQ node for the ITs (Debian's {@code rabbitmq-server}, installed by {@code
 * .ci/run}): its own node name, data and log folders under a temp folder, AMQP, distribution and
 * epmd ports picked free on 127.0.0.1 (so it never meets another node or the machine's epmd), guest
 * login from 127.0.0.1. It keeps its ports and data across {@link #stop()}/{@link #start()}, so a
 * test can take the broker away and bring it back with its durable queues. {@link #close()} also
 * ends the node's own epmd.
 */
final class RabbitNode implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

  private final Path dir;
  private final int port;
  private final int distPort;
  private final int epmdPort;
  private final String nodeName;
  private Process process;

  private RabbitNode(Path dir) throws IOException {
    this.dir = dir;
    this.port = freePort();
    this.distPort = freePort();
    this.epmdPort = freePort();
    this.nodeName = "quiver-it-" + port + "@localhost";
  }

  /** Whether the broker is installed here (else the ITs cannot run). */
  static boolean installed() {
    return Files.isExecutable(SERVER);
  }

  static RabbitNode start(Path dir) throws Exception {
    if (!installed()) {
      throw new IllegalStateException(
          SERVER + " not found: install Debian's rabbitmq-server package (.ci/run does)");
    }
    RabbitNode node = new RabbitNode(dir);
    Files.createDirectories(dir.resolve("mnesia"));
    Files.createDirectories(dir.resolve("log"));
    Files.writeString(
        dir.resolve("rabbitmq.conf"),
        "listeners.tcp.default = 127.0.0.1:" + node.port + "\n" + "loopback_users = none\n");
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    node.start();
    return node;
  }

  void start() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(SERVER.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile()));
    Map<String, String> env = pb.environment();
    env.put("HOME", dir.toString());
    env.put("RABBITMQ_NODENAME", nodeName);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_FEATURE_FLAGS_FILE", dir.resolve("feature_flags").toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("node.pid").toString());
    process = pb.start();
    Await.until("RabbitMQ listening on " + port, Duration.ofSeconds(90), this::listening);
  }

  /** Stops the node (SIGTERM to it and its Erlang VM) and waits until it has exited. */
  void stop() throws Exception {
    Process p = process;
    if (p == null) {
      return;
    }
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    p.destroy();
    for (ProcessHandle h : tree) {
      if (h.info().command().orElse("").endsWith("epmd")) {
        continue; // the node's epmd is ended in close()
      }
      h.onExit().get(30, TimeUnit.SECONDS);
    }
    p.waitFor(30, TimeUnit.SECONDS);
    process = null;
    Await.until("RabbitMQ gone from " + port, Duration.ofSeconds(30), () -> !listening());
  }

  String url() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2f";
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    // the node started an epmd of its own on epmdPort: end it (nothing else uses that port)
    Process kill =
        new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort), "-kill")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    kill.waitFor(10, TimeUnit.SECONDS);
  }
}
