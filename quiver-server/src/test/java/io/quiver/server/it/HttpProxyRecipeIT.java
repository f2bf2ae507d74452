package io.quiver.server.it;

import static io.quiver.server.it.HttpServerRecipeIT.at;
import static io.quiver.server.it.HttpServerRecipeIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 32 (an HTTP proxy) in front of recipe 30, the README's transcript: the upstream is a real
 * {@code server run} process, the proxy runs in this JVM; both on free ports.
 */
class HttpProxyRecipeIT {
  @TempDir static Path dir;

  private static int upstreamPort;
  private static int proxyPort;
  private static ServerProcess upstream;
  private static ExampleDeployment proxy;

  @BeforeAll
  static void start() throws Exception {
    upstreamPort = ExampleDeployment.freePortAvoiding(8139, 9139);
    proxyPort = ExampleDeployment.freePortAvoiding(8139, 9139, upstreamPort);
    upstream = HttpServerRecipeIT.startRecipe30(dir.resolve("upstream"), upstreamPort);
    proxy =
        ExampleDeployment.start(
            "32_proxies_lt_http", dir.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void throughTheProxyTheResponseGainsAnXPoweredByEntry() throws Exception {
    HttpResponse<String> via = Http.get(proxyPort, "/snot");
    assertThat(via.statusCode()).isEqualTo(200);
    assertThat(via.body()).isEqualTo("\"badger\"");
    assertThat(via.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(Http.values(via, "x-powered-by")).containsExactly("Tremor", "Tremor (As Proxy)");

    HttpResponse<String> direct = Http.get(upstreamPort, "/snot");
    assertThat(direct.body()).isEqualTo("\"badger\"");
    assertThat(Http.values(direct, "x-powered-by")).containsExactly("Tremor");

    assertThat(Http.get(proxyPort, "/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void echoThroughTheProxyWithAndWithoutAJsonContentType() throws Exception {
    Value asJson =
        json(Http.post(proxyPort, "/echo", "application/json", "{\"snot\": \"badger\"}"));
    assertThat(Json.writeSorted(at(asJson, "body"))).isEqualTo("{\"snot\":\"badger\"}");
    // the proxy decoded the body and encoded it again, compact, for the upstream
    assertThat(Json.write(at(asJson, "meta", "headers", "content-length"))).isEqualTo("[\"17\"]");
    assertThat(Json.write(at(asJson, "meta", "headers", "host")))
        .isEqualTo("[\"localhost:" + upstreamPort + "\"]");
    assertThat(at(asJson, "meta", "url", "path")).isEqualTo(Value.of("/echo"));

    Value asText = json(Http.post(proxyPort, "/echo", Http.CURL_FORM, "{\"snot\": \"badger\"}"));
    assertThat(at(asText, "body")).isEqualTo(Value.of("{\"snot\": \"badger\"}"));
  }

  @Test
  void statsCountThroughTheProxy() throws Exception {
    long first =
        ((Value.Int) at(json(Http.get(proxyPort, "/stats")), "requests_processed")).value();
    long then = ((Value.Int) at(json(Http.get(proxyPort, "/stats")), "requests_processed")).value();
    assertThat(then).isEqualTo(first + 1);
  }

  @Test
  void theUpstreamsErrorsPassThroughWithTheirStatus() throws Exception {
    HttpResponse<String> missing = Http.get(proxyPort, "/non-existent-path");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo("{\"error\":\"Path not found: /non-existent-path\",\"event\":\"\"}");
    assertThat(Http.values(missing, "x-powered-by")).containsExactly("Tremor", "Tremor (As Proxy)");

    HttpResponse<String> broken = Http.get(proxyPort, "/error-test");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(((Value.Str) at(json(broken), "error")).value())
        .contains("Trying to access a non existing local key `non_existent_var`");
    assertThat(Http.values(broken, "x-powered-by")).containsExactly("Tremor (As Proxy)");
  }

  @Test
  void aBodyTheProxyCannotDecodeIsAnsweredByTheProxy() throws Exception {
    HttpResponse<String> r = Http.post(proxyPort, "/echo", "application/json", "{");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(((Value.Str) at(json(r), "error")).value())
        .startsWith("Oh no, we ran into something unexpected :(\n ");
    assertThat(at(json(r), "source_id"))
        .isEqualTo(Value.of("tremor://localhost/onramp/http/01/in"));
  }

  @Test
  void whileTheUpstreamIsDownEveryRequestGetsTheErrorThenItHeals() throws Exception {
    upstream.close();
    upstream = null;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = Http.get(proxyPort, "/snot");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
      Value error = json(r);
      assertThat(((Value.Str) at(error, "error")).value())
          .startsWith(
              "Oh no, we ran into something unexpected :(\n Error sending HTTP request to"
                  + " http://localhost:"
                  + upstreamPort
                  + "/snot: ");
      assertThat(((Value.Str) at(error, "event_id")).value()).matches("1:0:\\d+");
    }
    upstream = HttpServerRecipeIT.startRecipe30(dir.resolve("upstream-again"), upstreamPort);
    Await.until(
        "the proxy reaches the upstream again",
        Duration.ofSeconds(30),
        () -> Http.status(proxyPort, "/snot") == 200);
    assertThat(Http.get(proxyPort, "/snot").body()).isEqualTo("\"badger\"");
  }
}
