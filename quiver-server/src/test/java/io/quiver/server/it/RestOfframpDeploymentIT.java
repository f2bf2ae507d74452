package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linked rest offramp in a deployment: Tremor's rest-linked-correlation case (its trickles and
 * offramp config) with a small HTTP server of the test's own as the upstream, which echoes the
 * request body as JSON. Each response reaches the response pipeline with the request's {@code
 * $correlation}; a request to an upstream that is down comes out of {@code err} in Tremor's error
 * shape.
 */
class RestOfframpDeploymentIT {
  @TempDir Path dir;
  private World world;
  private HttpServer upstream;
  private final List<String> correlationHeaders = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  private int startUpstream() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/",
        x -> {
          byte[] body = x.getRequestBody().readAllBytes();
          correlationHeaders.add(
              x.getRequestMethod() + " " + x.getRequestHeaders().get("x-correlation"));
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    upstream.start();
    return upstream.getAddress().getPort();
  }

  /** Moves a `correlation` field of the event into $correlation and an x-correlation header. */
  private static final String REQUEST =
      """
      define script tag
      script
        let $request = {"headers": {"x-correlation": "nope"}};
        match event of
          case moved = %{ present correlation } =>
            let $correlation = moved.correlation,
            let $request.headers["x-correlation"] = moved.correlation,
            let event = patch event of erase "correlation" end
          default => null
        end;
        event
      end;
      create script tag;
      select event from in into tag;
      select event from tag into out;
      select event from tag/err into err;
      """;

  /** Writes each response with the correlation it came back with (null when none). */
  private static final String RESPONSE =
      """
      select {
        "event": event,
        "correlation": match $ of
          case m = %{ present correlation } => m.correlation
          default => null
        end
      } from in into out;
      """;

  private static final String ERROR = "select {\"event\": event, \"meta\": $} from in into out;\n";

  private static String config(String endpoint, Path in, Path out, Path err) {
    return """
        onramp:
          - id: file-in
            type: file
            codec: json
            config:
              source: "IN"
        offramp:
          - id: rest-linked
            type: rest
            linked: true
            codec: json
            config:
              endpoint: ENDPOINT
              method: get
              concurrency: 10
              headers:
                "Content-Type": "application/json"
          - id: file-out
            type: file
            codec: json
            config:
              file: "OUT"
          - id: file-err
            type: file
            codec: json
            config:
              file: "ERR"
        binding:
          - id: main
            links:
              "/onramp/file-in/{instance}/out": ["/pipeline/request/{instance}/in"]
              "/pipeline/request/{instance}/out": ["/offramp/rest-linked/{instance}/in"]
              "/offramp/rest-linked/{instance}/out": ["/pipeline/response/{instance}/in"]
              "/pipeline/response/{instance}/out": ["/offramp/file-out/{instance}/in"]
              "/offramp/rest-linked/{instance}/err": ["/pipeline/error/{instance}/in"]
              "/pipeline/error/{instance}/out": ["/offramp/file-err/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """
        .replace("ENDPOINT", endpoint)
        .replace("IN", in.toString())
        .replace("OUT", out.toString())
        .replace("ERR", err.toString());
  }

  private World load(String yaml) throws Exception {
    Files.writeString(dir.resolve("request.trickle"), REQUEST);
    Files.writeString(dir.resolve("response.trickle"), RESPONSE);
    Files.writeString(dir.resolve("error.trickle"), ERROR);
    Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
    return World.load(
        List.of(
            dir.resolve("request.trickle"),
            dir.resolve("response.trickle"),
            dir.resolve("error.trickle"),
            config),
        Registry.load());
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void responsesKeepTheirRequestsCorrelation() throws Exception {
    int port = startUpstream();
    Path in =
        Files.writeString(
            dir.resolve("in.json"),
            """
            {"foo":"bar", "correlation": ["1", "2", "3"]}
            {"foo":"baz", "correlation": "snot"}
            {"foo":"booze", "correlation": ["badger"]}
            {"foo": "snooze"}
            """);
    Path out = dir.resolve("out.log");
    Path err = dir.resolve("err.log");
    world = load(config("http://127.0.0.1:" + port + "/sample.json", in, out, err));
    world.start();
    Await.until("4 responses written", () -> lines(out).size() == 4);
    assertThat(lines(out))
        .containsExactlyInAnyOrder(
            "{\"event\":{\"foo\":\"bar\"},\"correlation\":[\"1\",\"2\",\"3\"]}",
            "{\"event\":{\"foo\":\"baz\"},\"correlation\":\"snot\"}",
            "{\"event\":{\"foo\":\"snooze\"},\"correlation\":null}",
            "{\"event\":{\"foo\":\"booze\"},\"correlation\":[\"badger\"]}");
    assertThat(correlationHeaders)
        .containsExactlyInAnyOrder("GET [1, 2, 3]", "GET [snot]", "GET [badger]", "GET [nope]");
    assertThat(lines(err)).isEmpty();
  }

  @Test
  void anUpstreamThatIsDownAnswersOnErr() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path in = Files.writeString(dir.resolve("in.json"), "{\"foo\":\"bar\",\"correlation\":7}\n");
    Path out = dir.resolve("out.log");
    Path err = dir.resolve("err.log");
    world = load(config("http://127.0.0.1:" + port + "/sample.json", in, out, err));
    world.start();
    Await.until("the error written", () -> lines(err).size() == 1);
    assertThat(lines(err).get(0))
        .startsWith(
            "{\"event\":{\"error\":\"Error sending HTTP request to http://127.0.0.1:"
                + port
                + "/sample.json: ")
        .contains(
            "\"meta\":{\"response\":{\"status\":503,\"headers\":{\"Content-Type\":\"application/json\",\"Server\":\"Tremor\"}}")
        .endsWith("\"correlation\":7}}");
    assertThat(lines(out)).isEmpty();
  }
}
