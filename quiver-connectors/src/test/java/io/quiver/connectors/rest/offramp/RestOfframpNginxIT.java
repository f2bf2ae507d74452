package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest offramp against nginx as the upstream (skipped where nginx is not installed): nginx ends
 * a keep-alive connection after {@code keepalive_requests} with {@code Connection: close}, and the
 * offramp goes on on new connections without losing a request; its access log names the connection
 * of every request.
 */
class RestOfframpNginxIT {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir Path dir;
  private Process nginx;
  private int port;
  private RestSink sink;

  @BeforeEach
  void startNginx() throws Exception {
    assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid DIR/nginx.pid;
        error_log DIR/logs/error.log warn;
        events { worker_connections 64; }
        http {
          log_format conn '$connection $connection_requests $request_method $uri "$http_x_test"';
          access_log DIR/logs/access.log conn;
          keepalive_requests 3;
          server {
            listen 127.0.0.1:PORT;
            location /json { default_type application/json; return 200 '{"from":"nginx"}'; }
            location / { return 404; }
          }
        }
        """
            .replace("DIR", dir.toString())
            .replace("PORT", String.valueOf(port)));
    nginx =
        new ProcessBuilder(
                NGINX.toString(),
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("logs/error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/out.log").toFile())
            .start();
    Await.until("nginx listens", () -> listening(port));
  }

  private static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (sink != null) {
      sink.stop();
    }
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    }
  }

  private List<String> accessLog() {
    try {
      Path log = dir.resolve("logs/access.log");
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void connectionsNginxEndsAfterKeepaliveRequestsAreReplacedWithoutLosingARequest()
      throws Exception {
    RestTestContext ctx = new RestTestContext(true);
    RestOfframpProvider provider = new RestOfframpProvider();
    var v =
        provider
            .configSpec()
            .validate(
                Json.parse(
                    "{\"endpoint\":\"http://127.0.0.1:"
                        + port
                        + "/json\",\"concurrency\":4,\"headers\":{\"x-test\":\"quiver\"}}"));
    sink = (RestSink) provider.create(ctx.artefact(), v.config());
    sink.start(ctx);
    int n = 30;
    for (int i = 0; i < n; i++) {
      sink.onEvent(
          new Event(new EventId(1, 0, i), 1, Json.parse("{\"i\":" + i + "}"), Json.parse("{}"), 1));
    }
    for (int i = 0; i < n; i++) {
      RestTestContext.Emitted out = ctx.next();
      assertThat(out.port()).as("answer %d: %s", i, out).isEqualTo(Ports.OUT);
      assertThat(Json.write(out.event().data())).isEqualTo("{\"from\":\"nginx\"}");
    }
    Await.until("nginx logged every request", () -> accessLog().size() == n);
    Map<String, Integer> perConnection = new HashMap<>();
    for (String line : accessLog()) {
      assertThat(line).endsWith(" POST /json \"quiver\"");
      perConnection.merge(line.split(" ")[0], 1, Integer::sum);
    }
    assertThat(perConnection.values()).allSatisfy(c -> assertThat(c).isBetween(1, 3));
    assertThat(perConnection).hasSizeGreaterThanOrEqualTo(n / 3);
    Await.until("drained", sink::drained);
  }
}
