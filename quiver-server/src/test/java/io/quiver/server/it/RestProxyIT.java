package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP proxy built from the linked rest onramp and the linked rest offramp (the shape of
 * Tremor's recipe 32): a client's request goes through a pipeline to the upstream, the upstream's
 * response comes back through another to the same client; when the upstream is slow or down the
 * client gets the offramp's error as JSON with its status instead of waiting.
 */
class RestProxyIT {
  @TempDir Path dir;
  private World world;
  private HttpServer upstream;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final String CONFIG =
      """
      onramp:
        - id: http-in
          type: rest
          linked: true
          codec: json
          config:
            host: 127.0.0.1
            port: PORT
      offramp:
        - id: upstream
          type: rest
          linked: true
          codec: json
          config:
            endpoint: http://127.0.0.1:UPSTREAM/
            request_timeout_ms: 1000
            headers:
              x-powered-by: quiver
      binding:
        - id: proxy
          links:
            "/onramp/http-in/{instance}/out": ["/pipeline/to_upstream/{instance}/in"]
            "/pipeline/to_upstream/{instance}/out": ["/offramp/upstream/{instance}/in"]
            "/offramp/upstream/{instance}/out": ["/pipeline/from_upstream/{instance}/in"]
            "/offramp/upstream/{instance}/err": ["/pipeline/from_upstream/{instance}/in"]
            "/pipeline/from_upstream/{instance}/out": ["/onramp/http-in/{instance}/in"]
      mapping:
        /binding/proxy/01: {instance: "01"}
      """;

  /** The request's path goes to the upstream; its method and headers go along in $request. */
  private static final String TO_UPSTREAM =
      """
      define script route
      script
        let $endpoint = {"path": $request.url.path};
        event
      end;
      create script route;
      select event from in into route;
      select event from route into out;
      """;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext(
        "/",
        x -> {
          byte[] body = x.getRequestBody().readAllBytes();
          seen.add(
              x.getRequestMethod()
                  + " "
                  + x.getRequestURI().getPath()
                  + " x-test="
                  + x.getRequestHeaders().getFirst("x-test")
                  + " x-powered-by="
                  + x.getRequestHeaders().getFirst("x-powered-by"));
          if (x.getRequestURI().getPath().equals("/slow")) {
            try {
              closing.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return;
          }
          int status = x.getRequestURI().getPath().equals("/missing") ? 404 : 200;
          x.getResponseHeaders().add("Content-Type", "application/json");
          byte[] reply = ("{\"got\":" + new String(body, StandardCharsets.UTF_8) + "}").getBytes();
          x.sendResponseHeaders(status, reply.length);
          x.getResponseBody().write(reply);
          x.close();
        });
    upstream.start();
    port = ExampleDeployment.freePort();
    Files.writeString(dir.resolve("to_upstream.trickle"), TO_UPSTREAM);
    Files.writeString(dir.resolve("from_upstream.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            CONFIG
                .replace("UPSTREAM", String.valueOf(upstream.getAddress().getPort()))
                .replace("PORT", String.valueOf(port)));
    world =
        World.load(
            List.of(
                dir.resolve("to_upstream.trickle"), dir.resolve("from_upstream.trickle"), config),
            Registry.load());
    world.start();
  }

  @AfterEach
  void stop() {
    closing.countDown();
    if (world != null) {
      world.stop();
    }
    upstream.stop(0);
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header("x-test", "t1")
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theUpstreamsResponseReachesTheClient() throws Exception {
    HttpResponse<String> r = send("PUT", "/things/1", "{\"a\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"got\":{\"a\":1}}");
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(seen).containsExactly("PUT /things/1 x-test=t1 x-powered-by=quiver");
    HttpResponse<String> missing = send("POST", "/missing", "[]");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"got\":[]}");
  }

  @Test
  void aSlowUpstreamGives504AndADownOne503AsJson() throws Exception {
    HttpResponse<String> slow = send("POST", "/slow", "1");
    assertThat(slow.statusCode()).isEqualTo(504);
    assertThat(slow.body())
        .startsWith(
            "{\"error\":\"Error sending HTTP request to http://127.0.0.1:"
                + upstream.getAddress().getPort()
                + "/slow: no response within 1000 ms (request_timeout_ms)\",\"event_id\":");
    closing.countDown();
    upstream.stop(0);
    HttpResponse<String> down = send("POST", "/x", "2");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).startsWith("{\"error\":\"Error sending HTTP request to ");
    HttpResponse<String> again = send("POST", "/x", "3");
    assertThat(again.statusCode()).isEqualTo(503);
  }
}
