package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import io.quiver.testkit.TestCerts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tcp onramp and offramp in a real deployment: clients write lines to the onramp, the pipeline
 * passes them on, the offramp writes them to a collecting server. Each client connection is a
 * stream of its own (partial lines of different clients never mix), a client that leaves mid-line
 * loses nothing, the offramp reconnects, and both sides speak TLS when told to.
 */
class TcpIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private World world;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (world != null) {
      world.stop();
    }
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  /** A TCP server on 127.0.0.1 that collects the lines of every connection it accepts. */
  private static final class Collector implements AutoCloseable {
    final ServerSocket server;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    /** Each line with the number of the connection it came on (1, 2, ...). */
    final BlockingQueue<String> numbered = new LinkedBlockingQueue<>();

    private final java.util.concurrent.atomic.AtomicInteger connections =
        new java.util.concurrent.atomic.AtomicInteger();
    private final Thread acceptor;

    Collector(ServerSocket server) {
      this.server = server;
      acceptor = Thread.ofPlatform().daemon().start(this::accept);
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.add(s);
          int n = connections.incrementAndGet();
          Thread.ofPlatform().daemon().start(() -> read(s, n));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void read(Socket s, int connection) {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
          numbered.add(connection + " " + line);
        }
      } catch (IOException closed) {
        // the test closed it
      }
    }

    List<String> take(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (out.size() < n) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line)
            .as("line %d of %d within %s (got %s)", out.size() + 1, n, WITHIN, out)
            .isNotNull();
        out.add(line);
      }
      return out;
    }

    @Override
    public void close() throws Exception {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
      acceptor.join(5_000);
    }
  }

  private Collector collector(ServerSocket server) {
    Collector c = new Collector(server);
    cleanup.add(c);
    return c;
  }

  private static String deployment(
      int onrampPort, int offrampPort, String onrampTls, String offrampTls) {
    return """
        onramp:
          - id: in
            type: tcp
            codec: json
            preprocessors: [lines]
            config:
              host: 127.0.0.1
              port: IN_PORT
              IN_TLS
        offramp:
          - id: out
            type: tcp
            codec: json
            postprocessors: [lines]
            config:
              host: 127.0.0.1
              port: OUT_PORT
              reconnect_backoff_ms: 20
              reconnect_backoff_max_ms: 200
              OUT_TLS
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/pass/{instance}/in"]
              "/onramp/in/{instance}/err": ["/pipeline/pass/{instance}/in"]
              "/pipeline/pass/{instance}/out": ["/offramp/out/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("IN_PORT", String.valueOf(onrampPort))
        .replace("OUT_PORT", String.valueOf(offrampPort))
        .replace("IN_TLS", onrampTls)
        .replace("OUT_TLS", offrampTls);
  }

  private void start(String yaml) throws Exception {
    Path pipeline = tmp.resolve("pass.trickle");
    Files.writeString(pipeline, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    world = World.load(List.of(pipeline, config), Registry.load());
    world.start();
  }

  private static ServerSocket plainServer() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private Socket client(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    cleanup.add(s);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void eachConnectionKeepsItsOwnPartialLines() throws Exception {
    Collector out = collector(plainServer());
    int in = ExampleDeployment.freePort();
    start(deployment(in, out.server.getLocalPort(), "", ""));
    Socket a = client(in);
    Socket b = client(in);
    write(a, "{\"a\":");
    write(b, "{\"b\":");
    write(b, "2}\n");
    write(a, "1}\n{\"a\":3}\n");
    assertThat(out.take(3)).containsExactlyInAnyOrder("{\"b\":2}", "{\"a\":1}", "{\"a\":3}");
  }

  @Test
  void aClientThatLeavesMidLineLosesNothing() throws Exception {
    Collector out = collector(plainServer());
    int in = ExampleDeployment.freePort();
    start(deployment(in, out.server.getLocalPort(), "", ""));
    Socket a = client(in);
    write(a, "{\"c\":1}\n{\"d\":");
    a.close();
    List<String> got = out.take(2);
    assertThat(got.get(0)).isEqualTo("{\"c\":1}");
    // the rest of the connection is flushed when it ends: not JSON, so an error event says so
    assertThat(got.get(1)).startsWith("{\"error\":").contains("\"source_id\"");
    // and the onramp serves the next client as before
    Socket b = client(in);
    write(b, "{\"e\":1}\n");
    assertThat(out.take(1)).containsExactly("{\"e\":1}");
  }

  @Test
  void theOfframpReconnectsWhenItsPeerDropsTheConnection() throws Exception {
    Collector out = collector(plainServer());
    int in = ExampleDeployment.freePort();
    start(deployment(in, out.server.getLocalPort(), "", ""));
    Socket a = client(in);
    write(a, "{\"n\":0}\n");
    assertThat(out.take(1)).containsExactly("{\"n\":0}");
    out.accepted.take().close();
    // events sent while it reconnects may fail (there is no qos::wal here); once it is back,
    // they arrive on a second connection
    Await.until(
        "an event on the second connection",
        WITHIN,
        () -> {
          try {
            write(a, "{\"n\":1}\n");
            String line = out.numbered.poll(50, TimeUnit.MILLISECONDS);
            return "2 {\"n\":1}".equals(line);
          } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void bothSidesSpeakTlsWhenConfigured() throws Exception {
    TestCerts certs = TestCerts.generate(tmp, "server");
    ServerSocket tlsServer =
        certs
            .serverContext()
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Collector out = collector(tlsServer);
    int in = ExampleDeployment.freePort();
    String onrampTls = "tls: {cert: \"%s\", key: \"%s\"}".formatted(certs.cert, certs.key);
    String offrampTls = "tls: {cafile: \"%s\"}".formatted(certs.cert);
    start(deployment(in, out.server.getLocalPort(), onrampTls, offrampTls));
    Socket a =
        certs.clientContext().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), in);
    cleanup.add(a);
    write(a, "{\"secret\":true}\n");
    assertThat(out.take(1)).containsExactly("{\"secret\":true}");
  }
}
