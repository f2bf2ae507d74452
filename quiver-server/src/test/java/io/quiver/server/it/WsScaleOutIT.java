package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/90_ws_scale_out end to end: the upstream (example 31) and the example's two websocket
 * proxies run in this JVM on ephemeral ports, behind a real HAProxy (Debian's {@code haproxy})
 * started from the example's haproxy.cfg with the ports replaced and a stats page added (to see
 * which proxy holds how many clients and which proxies HAProxy deems up). One proxy is stopped
 * while clients are connected: its clients lose their connections, reconnect through HAProxy and
 * are answered by the other; the clients on the other proxy keep their connections and answers.
 */
class WsScaleOutIT {
  private static final String EXAMPLE = "90_ws_scale_out";
  private static final Duration CHECKS = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private final List<ExampleDeployment> worlds = new ArrayList<>();
  private final List<TestClient> clients = new ArrayList<>();
  private ExampleDeployment proxyA;
  private Process haproxy;
  private int frontPort;
  private int statsPort;

  @BeforeEach
  void startUpstreamProxiesAndHaproxy() throws Exception {
    Optional<Path> binary = haproxyBinary();
    assumeTrue(
        binary.isPresent(),
        "haproxy is not installed (apt-get install haproxy; .ci/run installs it): skipping the"
            + " examples/90_ws_scale_out test");
    int[] ports = new int[5];
    for (int i = 0; i < ports.length; i++) {
      int port;
      do {
        port = ExampleDeployment.freePortAvoiding(8139, 9139, 9141, 9142);
      } while (contains(ports, port));
      ports[i] = port;
    }
    int upstreamPort = ports[0];
    int portA = ports[1];
    int portB = ports[2];
    frontPort = ports[3];
    statsPort = ports[4];
    worlds.add(
        ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort));
    proxyA =
        ExampleDeployment.start(
            EXAMPLE + "/proxy-a", tmp.resolve("proxy-a"), 8139, upstreamPort, 9141, portA);
    worlds.add(proxyA);
    worlds.add(
        ExampleDeployment.start(
            EXAMPLE + "/proxy-b", tmp.resolve("proxy-b"), 8139, upstreamPort, 9142, portB));

    String cfg =
        Files.readString(ExampleDeployment.EXAMPLES.resolve(EXAMPLE).resolve("haproxy.cfg"))
            .replace("9139", String.valueOf(frontPort))
            .replace("9141", String.valueOf(portA))
            .replace("9142", String.valueOf(portB));
    cfg +=
        "\n# added by WsScaleOutIT: the stats page the test reads\n"
            + "listen stats\n"
            + "  mode http\n"
            + "  bind 127.0.0.1:"
            + statsPort
            + "\n"
            + "  stats enable\n"
            + "  stats uri /stats\n";
    Path cfgFile = tmp.resolve("haproxy.cfg");
    Files.writeString(cfgFile, cfg);
    haproxy =
        new ProcessBuilder(binary.get().toString(), "-db", "-f", cfgFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("haproxy.log").toFile())
            .start();
    Await.until(
        "HAProxy is up and deems both proxies up (log: " + tmp.resolve("haproxy.log") + ")",
        CHECKS,
        () -> "UP".equals(server("proxy-a", "status")) && "UP".equals(server("proxy-b", "status")));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (TestClient c : clients) {
      c.abort();
    }
    if (haproxy != null) {
      haproxy.destroy();
      if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
        haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (ExampleDeployment w : worlds.reversed()) {
      w.close();
    }
  }

  @Test
  void clientsOfAStoppedProxyReconnectToTheOtherAndTheOthersAreUndisturbed() throws Exception {
    int n = 8;
    for (int i = 0; i < n; i++) {
      TestClient c = TestClient.connect(frontPort);
      clients.add(c);
      c.send("hello " + i + "\n");
      assertThat(c.nextText(Duration.ofSeconds(10))).isEqualTo("hello " + i);
    }
    Await.until(
        "HAProxy counts all " + n + " clients on the two proxies",
        CHECKS,
        () -> sessions("proxy-a") + sessions("proxy-b") == n);
    int onA = sessions("proxy-a");
    assertThat(onA).as("round robin deals clients to both proxies").isBetween(1, n - 1);

    proxyA.close();
    worlds.remove(proxyA);

    Await.until(
        "the " + onA + " clients of the stopped proxy lose their connections",
        CHECKS,
        () -> clients.stream().filter(c -> c.closeCode.isDone()).count() == onA);
    Await.until(
        "HAProxy marks the stopped proxy down", CHECKS, () -> isDown(server("proxy-a", "status")));

    int reconnected = 0;
    for (int i = 0; i < n; i++) {
      TestClient c = clients.get(i);
      if (c.closeCode.isDone()) {
        c = TestClient.connect(frontPort);
        clients.set(i, c);
        reconnected++;
      }
      c.send("again " + i + "\n");
      assertThat(c.nextText(Duration.ofSeconds(10))).isEqualTo("again " + i);
    }
    assertThat(reconnected).isEqualTo(onA);
    for (TestClient c : clients) {
      c.send("once more\n");
      assertThat(c.nextText(Duration.ofSeconds(10))).isEqualTo("once more");
      assertThat(c.closeCode).as("no connection on the surviving proxy ended").isNotDone();
    }
    assertThat(sessions("proxy-b")).as("every client is now on the surviving proxy").isEqualTo(n);
    assertThat(sessions("proxy-a")).isZero();
  }

  @Test
  void newClientsAreAllAnsweredWhileOneProxyIsDown() throws Exception {
    proxyA.close();
    worlds.remove(proxyA);
    Await.until(
        "HAProxy marks the stopped proxy down", CHECKS, () -> isDown(server("proxy-a", "status")));
    for (int i = 0; i < 6; i++) {
      try (TestClient c = TestClient.connect(frontPort)) {
        c.send("one-shot " + i + "\n");
        assertThat(c.nextText(Duration.ofSeconds(10))).isEqualTo("one-shot " + i);
      }
    }
  }

  private static boolean isDown(String status) {
    return status != null && status.startsWith("DOWN");
  }

  private int sessions(String server) {
    String scur = server(server, "scur");
    return scur == null ? -1 : Integer.parseInt(scur);
  }

  /** One column of HAProxy's CSV stats for a server of backend "quiver"; null if unavailable. */
  private String server(String server, String column) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return null;
      }
      String[] lines = r.body().split("\n");
      String[] header = lines[0].replaceFirst("^# ", "").split(",", -1);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        index.put(header[i], i);
      }
      for (String line : lines) {
        String[] f = line.split(",", -1);
        if (f.length > index.get(column) && f[0].equals("quiver") && f[1].equals(server)) {
          return f[index.get(column)];
        }
      }
      return null;
    } catch (java.io.IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Optional<Path> haproxyBinary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    return Stream.of(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "haproxy"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static boolean contains(int[] ports, int port) {
    for (int p : ports) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }
}
