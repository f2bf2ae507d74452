package io.quiver.connectors.nats;

import io.quiver.testkit.Await;
import io.quiver.testkit.ExternalTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real NATS server for the ITs (Debian's {@code nats-server}, installed by {@code .ci/run}) on
 * 127.0.0.1 and a free port, which it keeps across {@link #stop()}/{@link #start()}, so a test can
 * take the server away and bring it back.
 */
final class NatsServer implements AutoCloseable {
  private final Path binary;
  private final int port;
  private final List<String> extra;
  private final Path log;
  private Process process;

  private NatsServer(Path binary, int port, List<String> extra, Path log) {
    this.binary = binary;
    this.port = port;
    this.extra = extra;
    this.log = log;
  }

  /** Starts one; {@code extra} are more command-line flags (auth, TLS). */
  static NatsServer start(Path dir, String... extra) throws Exception {
    Path binary =
        ExternalTool.find("nats-server")
            .or(() -> java.util.Optional.of(Path.of("/usr/sbin/nats-server")))
            .filter(java.nio.file.Files::isExecutable)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "nats-server not found: install Debian's nats-server package (.ci/run does)"));
    NatsServer s =
        new NatsServer(binary, freePort(), List.of(extra), dir.resolve("nats-server.log"));
    s.start();
    return s;
  }

  void start() throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(extra);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Await.until("nats-server listening on " + port, Duration.ofSeconds(20), this::listening);
  }

  /** Stops the server (SIGTERM) and waits until it has exited. */
  void stop() throws Exception {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
    process = null;
  }

  int port() {
    return port;
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  String url() {
    return "nats://127.0.0.1:" + port;
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
  }
}
