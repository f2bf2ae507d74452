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

  @Test
  void upStartsTheHttpServerWithItsLibFolderThenTheHttpProxy() throws Exception {
    int upstream = freePort();
    while (String.valueOf(upstream).contains("9139")) { // 8139 is replaced first, then 9139
      upstream = freePort();
    }
    int proxy = freePort();
    copy("30_servers_lt_http", upstream, proxy);
    copy("32_proxies_lt_http", upstream, proxy);
    UpConfig config = UpConfig.load(root.resolve("32_proxies_lt_http"));

    boolean started = supervisor.start(config.servers());

    assertThat(started).as("started; output:%n%s%s", log, errors).isTrue();
    // /index greets through utils::parse_query: the module came from the example's lib folder
    java.net.http.HttpResponse<String> page =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + proxy + "/index?name=badger"))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Hello, badger!</h1>");
    assertThat(page.headers().allValues("x-powered-by"))
        .containsExactly("Tremor", "Tremor (As Proxy)");
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

  /** Copies an example folder (and its subfolders), its ports replaced and its hosts local. */
  private void copy(String example, int upstream, int proxy) throws IOException {
    Path source = UpConfigTest.examples().resolve(example);
    Path target = Files.createDirectories(root.resolve(example));
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(source.relativize(f).toString());
        Files.createDirectories(to.getParent());
        String text =
            Files.readString(f)
                .replace("8139", String.valueOf(upstream))
                .replace("9139", String.valueOf(proxy))
                .replace("0.0.0.0", "127.0.0.1");
        Files.writeString(to, text);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
