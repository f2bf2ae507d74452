package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 34 (an HTTP to websocket bridge) in front of recipe 31 (the websocket echo server), the
 * README's transcript: both in this JVM on free ports, driven with the JDK's HTTP client.
 */
class HttpWsBridgeRecipeIT {
  @TempDir Path dir;

  private int wsPort;
  private int bridgePort;
  private ExampleDeployment upstream;
  private ExampleDeployment bridge;

  @BeforeEach
  void start() throws Exception {
    wsPort = ExampleDeployment.freePortAvoiding(8139, 9139);
    bridgePort = ExampleDeployment.freePortAvoiding(8139, 9139, wsPort);
    upstream = startUpstream("upstream");
    bridge =
        ExampleDeployment.start(
            "34_bridges_lt_http_ws", dir.resolve("bridge"), 8139, wsPort, 9139, bridgePort);
  }

  private ExampleDeployment startUpstream(String into) throws Exception {
    return ExampleDeployment.start("31_servers_lt_ws", dir.resolve(into), 8139, wsPort);
  }

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aBodyPostedToBridgeComesBackFromTheWebsocketServer() throws Exception {
    HttpResponse<String> hello = Http.post(bridgePort, "/bridge", Http.CURL_FORM, "hello");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello");
    assertThat(hello.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(Http.values(hello, "x-powered-by")).containsExactly("Tremor");

    assertThat(Http.post(bridgePort, "/bridge", Http.CURL_FORM, "snot").body()).isEqualTo("badger");
  }

  @Test
  void otherPathsAreAnsweredWithAnErrorNamingThePath() throws Exception {
    HttpResponse<String> r = Http.post(bridgePort, "/some_path", Http.CURL_FORM, "snot");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"Oh no, we ran into something unexpected :(\\n Unsupported url path:"
                + " /some_path\",\"event\":\"snot\"}");
  }

  @Test
  void whileTheWebsocketServerIsDownRequestsGetTheErrorThenItHeals() throws Exception {
    assertThat(Http.post(bridgePort, "/bridge", Http.CURL_FORM, "hello").body()).isEqualTo("hello");
    upstream.close();
    upstream = null;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = Http.post(bridgePort, "/bridge", Http.CURL_FORM, "hello");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body())
          .matches(
              "\\{\"error\":\"Oh no, we ran into something unexpected :\\(\\\\n Error (sending"
                  + " event to|receiving reply from) server ws://localhost:"
                  + wsPort
                  + ": [^\"]+\",\"event_id\":\"1:0:\\d+\"}");
    }
    upstream = startUpstream("upstream-again");
    Await.until(
        "the bridge reaches the websocket server again",
        Duration.ofSeconds(30),
        () -> bridged("hello").equals("hello"));
  }

  private String bridged(String body) {
    try {
      return Http.post(bridgePort, "/bridge", Http.CURL_FORM, body).body();
    } catch (Exception e) {
      return "";
    }
  }
}
