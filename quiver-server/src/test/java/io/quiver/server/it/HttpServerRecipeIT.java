package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 30 (an HTTP server built from a pipeline), the README's transcript: a real {@code server
 * run} process with the example's lib folder as its module path ({@code use utils}), on a free
 * port, driven over real sockets.
 */
class HttpServerRecipeIT {
  @TempDir static Path dir;

  private static ServerProcess server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    port = ExampleDeployment.freePort();
    server = startRecipe30(dir, port);
  }

  /** Recipe 30 in a child process on {@code port}, {@code use utils} found in its lib folder. */
  static ServerProcess startRecipe30(Path into, int port) throws Exception {
    List<Path> files = ExampleDeployment.copy("30_servers_lt_http", into, 8139, port);
    ServerProcess process =
        ServerProcess.start(
            into,
            files,
            Map.of(
                "TREMOR_PATH",
                ExampleDeployment.EXAMPLES.resolve("30_servers_lt_http/lib").toString()));
    process.awaitListening(port);
    return process;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /**
   * A deployment with rest connectors and no websocket ones runs on io_uring where it works
   * (EventLoops.deploymentUses), on the default transport otherwise.
   */
  @Test
  void anHttpOnlyDeploymentRunsOnIoUringWhereItWorks() throws Exception {
    String line = server.awaitLogLine(l -> l.contains("network event loops: "));
    if (io.netty.channel.uring.IoUring.isAvailable()) {
      assertThat(line)
          .contains("on io_uring (the default for a deployment with rest and no websocket");
    } else {
      assertThat(line).doesNotContain("on io_uring").contains("(the default");
    }
  }

  static Value json(HttpResponse<String> response) {
    try {
      return Json.parse(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static Value at(Value v, String... path) {
    for (String key : path) {
      v = ((Value.Obj) v).get(key);
    }
    return v;
  }

  @Test
  void snotIsBadgerAndPingIs200() throws Exception {
    HttpResponse<String> snot = Http.get(port, "/snot");
    assertThat(snot.statusCode()).isEqualTo(200);
    assertThat(snot.body()).isEqualTo("\"badger\"");
    assertThat(snot.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(Http.values(snot, "x-powered-by")).containsExactly("Tremor");

    assertThat(Http.get(port, "/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void echoDecodesAJsonBodyByItsContentType() throws Exception {
    HttpResponse<String> r = Http.post(port, "/echo", "application/json", "{\"snot\": \"badger\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    Value echoed = json(r);
    assertThat(Json.writeSorted(at(echoed, "body"))).isEqualTo("{\"snot\":\"badger\"}");
    assertThat(at(echoed, "meta", "method")).isEqualTo(Value.of("POST"));
    assertThat(Json.writeSorted(at(echoed, "meta", "url")))
        .isEqualTo(
            "{\"host\":\"localhost\",\"path\":\"/echo\",\"port\":"
                + port
                + ",\"scheme\":\"http\"}");
    assertThat(Json.write(at(echoed, "meta", "headers", "content-type")))
        .isEqualTo("[\"application/json\"]");
    assertThat(Json.write(at(echoed, "meta", "headers", "content-length"))).isEqualTo("[\"18\"]");
  }

  @Test
  void echoWithoutAJsonContentTypeKeepsTheBodyAString() throws Exception {
    HttpResponse<String> r = Http.post(port, "/echo", Http.CURL_FORM, "{\"snot\": \"badger\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(at(json(r), "body")).isEqualTo(Value.of("{\"snot\": \"badger\"}"));
    assertThat(Json.write(at(json(r), "meta", "headers", "content-type")))
        .isEqualTo("[\"" + Http.CURL_FORM + "\"]");
  }

  @Test
  void statsCountsTheRequests() throws Exception {
    long first = ((Value.Int) at(json(Http.get(port, "/stats")), "requests_processed")).value();
    Http.get(port, "/snot");
    long then = ((Value.Int) at(json(Http.get(port, "/stats")), "requests_processed")).value();
    assertThat(first).isPositive();
    assertThat(then).isEqualTo(first + 2);
  }

  @Test
  void anUnknownPathIs404NamingThePath() throws Exception {
    HttpResponse<String> r = Http.get(port, "/non-existent-path");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo("{\"error\":\"Path not found: /non-existent-path\",\"event\":\"\"}");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void aScriptErrorIs500NamingTheCause() throws Exception {
    HttpResponse<String> r = Http.get(port, "/error-test");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    String error = ((Value.Str) at(json(r), "error")).value();
    assertThat(error)
        .startsWith("Oh no, we ran into something unexpected :(\n Error: \n")
        .contains("Trying to access a non existing local key `non_existent_var`");
  }

  @Test
  void aBadJsonBodyIsAnsweredWithTheOnrampsErrorAsJson() throws Exception {
    HttpResponse<String> r = Http.post(port, "/echo", "application/json", "{");
    assertThat(r.statusCode()).isEqualTo(500);
    Value error = json(r);
    assertThat(((Value.Str) at(error, "error")).value())
        .startsWith("Oh no, we ran into something unexpected :(\n ");
    assertThat(at(error, "source_id")).isEqualTo(Value.of("tremor://localhost/onramp/http/01/in"));
    assertThat(at(error, "event_id")).isInstanceOf(Value.Int.class);
    // the server goes on
    assertThat(Http.get(port, "/snot").body()).isEqualTo("\"badger\"");
  }

  @Test
  void otherMethodsAre501() throws Exception {
    HttpResponse<String> r = Http.send("PUT", port, "/snot", Http.CURL_FORM, "x");
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).isEqualTo("{\"error\":\"Method not implemented: PUT\",\"event\":\"x\"}");
  }

  @Test
  void theRootRedirectsToAnIndexPageThatGreetsByQuery() throws Exception {
    HttpResponse<String> root = Http.get(port, "/");
    assertThat(root.statusCode()).isEqualTo(301);
    assertThat(root.headers().firstValue("location")).hasValue("/index");

    HttpResponse<String> index = Http.get(port, "/index?name=badger");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(index.body()).contains("<h1>Hello, badger!</h1>").contains("\"url_query_parsed\"");
  }
}
