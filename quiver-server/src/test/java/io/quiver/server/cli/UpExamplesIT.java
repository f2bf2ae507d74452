package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed's transcript through {@code quiver up}: the repository's examples 31 and 33 (copied,
 * with free ports instead of 8139/9139) run as real {@code quiver server run} child processes, and
 * {@code quiver ws -1} talks to them.
 */
class UpExamplesIT {
  @TempDir Path root;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final Supervisor supervisor =
      new Supervisor(
          ServerLaunch.quiverServerRun(),
          new PrintStream(log, true, StandardCharsets.UTF_8),
          new PrintStream(errors, true, StandardCharsets.UTF_8),
          UpCommand.LISTEN_DEADLINE);

  @AfterEach
  void stop() throws InterruptedException {
    supervisor.stop();
  }

  @Test
  void upStartsTheUpstreamThenTheProxyAndWsTalksThroughThem() throws Exception {
    int upstream = freePort();
    int proxy = freePort();
    copy("31_servers_lt_ws", upstream, proxy);
    copy("33_proxies_lt_ws", upstream, proxy);
    UpConfig config = UpConfig.load(root.resolve("33_proxies_lt_ws"));

    boolean started = supervisor.start(config.servers());

    assertThat(started).as("started; output:%n%s%s", log, errors).isTrue();
    assertThat(ws("hello\n", proxy)).isEqualTo("hello\n");
    assertThat(ws("hello\n", upstream)).isEqualTo("hello\n");
    assertThat(ws("snot\n", proxy)).isEqualTo("badger\n");

    supervisor.stop();

    assertThat(supervisor.processes()).noneMatch(Process::isAlive);
    String out = log.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("quiver up: starting upstream (")
        .contains("[upstream] ")
        .contains("[proxy] ");
    assertThat(out.indexOf("quiver up: stopping proxy"))
        .isLessThan(out.indexOf("quiver up: stopping upstream"));
    assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  /** {@code echo <line> | quiver ws -1 ws://localhost:<port>}: what it prints. */
  private static String ws(String line, int port) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CommandLine(
                new WsCommand(
                    new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute("-1", "--timeout", "20", "ws://localhost:" + port);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Copies an example folder, its ports replaced and its hosts local. */
  private void copy(String example, int upstream, int proxy) throws IOException {
    Path target = Files.createDirectories(root.resolve(example));
    try (Stream<Path> files = Files.list(UpConfigTest.examples().resolve(example))) {
      for (Path f : files.toList()) {
        String text =
            Files.readString(f)
                .replace("8139", String.valueOf(upstream))
                .replace("9139", String.valueOf(proxy))
                .replace("0.0.0.0", "127.0.0.1");
        Files.writeString(target.resolve(f.getFileName()), text);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
