package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unix-socket onramp in a real deployment: clients (the JDK's unix domain socket channels, and
 * socat when it is installed) write JSON lines to the socket, the pipeline passes them on, a file
 * offramp collects them; decode errors leave on {@code err} (to a second file) while the stream
 * goes on. Each connection is a stream of its own; the socket file is removed on stop; a stale one
 * is replaced, a live one, a directory or a missing directory refused at start.
 */
class UnixSocketIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private World world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private Path socket() {
    return tmp.resolve("in.sock");
  }

  private World deploy(String extra) throws Exception {
    Path pass = tmp.resolve("pass.trickle");
    Files.writeString(pass, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: unix-socket
            codec: json
            preprocessors: [lines]
            config:
              path: "SOCKET"
        EXTRA
        offramp:
          - id: out
            type: file
            codec: json
            postprocessors: [lines]
            config:
              file: "OUT"
          - id: errs
            type: file
            codec: json
            postprocessors: [lines]
            config:
              file: "ERRS"
        binding:
          - id: main
            links:
              '/onramp/in/{instance}/out': ['/pipeline/pass/{instance}/in']
              '/pipeline/pass/{instance}/out': ['/offramp/out/{instance}/in']
              '/onramp/in/{instance}/err': ['/pipeline/pass/{instance}/in']
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("SOCKET", socket().toString())
            .replace("EXTRA", extra)
            .replace("OUT", tmp.resolve("out.json").toString())
            .replace("ERRS", tmp.resolve("errs.json").toString()));
    World w = World.load(List.of(pass, config), Registry.load());
    w.start();
    world = w;
    return w;
  }

  private List<String> out() throws IOException {
    Path f = tmp.resolve("out.json");
    // the file offramp ends every event with a newline of its own after the lines postprocessor's
    return Files.exists(f)
        ? Files.readAllLines(f).stream().filter(l -> !l.isEmpty()).toList()
        : List.of();
  }

  private static SocketChannel client(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return ch;
  }

  private static void write(SocketChannel ch, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private void awaitLines(int n) throws InterruptedException {
    Await.until(
        n + " lines out",
        WITHIN,
        () -> {
          try {
            return out().size() >= n;
          } catch (IOException e) {
            return false;
          }
        });
  }

  @Test
  void eachConnectionIsAStreamAndABadLineIsAnErrorEventWhileTheRestFlows() throws Exception {
    deploy("");
    try (SocketChannel a = client(socket());
        SocketChannel b = client(socket())) {
      write(a, "{\"client\":\"a\",");
      write(b, "{\"client\":\"b\",\"n\":1}\n");
      awaitLines(1);
      write(a, "\"n\":1}\n");
      write(b, "{not json}\n{\"client\":\"b\",\"n\":2}\n");
      awaitLines(4);
    }
    List<String> lines = out();
    assertThat(lines)
        .containsExactlyInAnyOrder(
            "{\"client\":\"b\",\"n\":1}",
            "{\"client\":\"a\",\"n\":1}",
            lines.stream().filter(l -> l.contains("\"error\"")).findFirst().orElse("no error"),
            "{\"client\":\"b\",\"n\":2}");
    assertThat(lines.stream().filter(l -> l.contains("\"error\"")).findFirst().orElseThrow())
        .contains("\"source_id\":\"tremor://localhost/onramp/in/1/in\"");
  }

  @Test
  void theSocketFileIsRemovedOnStopAndAStaleOneIsReplaced() throws Exception {
    // a socket file whose server is gone
    try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stale.bind(UnixDomainSocketAddress.of(socket()));
    }
    assertThat(socket()).exists();
    deploy("");
    try (SocketChannel a = client(socket())) {
      write(a, "{\"n\":1}\n");
      awaitLines(1);
    }
    world.stop();
    world = null;
    assertThat(socket()).doesNotExist();
  }

  @Test
  void permissionsAreSetOnTheSocketFile() throws Exception {
    deploy("      permissions: \"600\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())))
        .isEqualTo("rw-------");
  }

  @Test
  void aLiveSocketADirectoryOrAMissingDirectoryIsRefusedAtStart() throws Exception {
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket()));
      Throwable t = catchThrowable(() -> deploy(""));
      assertThat(t).isInstanceOf(DeploymentException.class);
      assertThat(t.getMessage())
          .contains(
              "/onramp/in/1: cannot start onramp",
              "cannot listen on unix socket " + socket() + ": another server is listening on it");
    }
    Files.delete(socket());
    Files.createDirectory(socket());
    assertThat(catchThrowable(() -> deploy("")))
        .hasMessageContaining("cannot listen on unix socket " + socket() + ": it is a directory");
  }

  @Test
  void socatCanWriteToIt() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    deploy("");
    Process p =
        new ProcessBuilder("/usr/bin/socat", "-", "UNIX-CONNECT:" + socket())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write("{\"via\":\"socat\"}\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    awaitLines(1);
    assertThat(out()).containsExactly("{\"via\":\"socat\"}");
  }
}
