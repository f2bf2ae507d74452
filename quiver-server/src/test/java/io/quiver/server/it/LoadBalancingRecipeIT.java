package io.quiver.server.it;

import static io.quiver.server.it.HttpServerRecipeIT.at;
import static io.quiver.server.it.HttpServerRecipeIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 35 (a reverse proxy that load-balances over three upstreams), the README's transcript: the
 * three stand-in upstreams and the proxy in this JVM, on free ports.
 */
class LoadBalancingRecipeIT {
  private static final String EXAMPLE = "35_reverse_proxy_load_balancing";
  private static final int[] RECIPE_PORTS = {8081, 8082, 8083, 65535};

  @TempDir Path dir;

  private final int[] upstreamPorts = new int[3];
  private final ExampleDeployment[] upstreams = new ExampleDeployment[3];
  private int proxyPort;
  private ExampleDeployment proxy;

  @BeforeEach
  void start() throws Exception {
    List<Integer> taken = new ArrayList<>();
    for (int p : RECIPE_PORTS) {
      taken.add(p);
    }
    for (int i = 0; i < 3; i++) {
      upstreamPorts[i] = port(taken);
      upstreams[i] =
          ExampleDeployment.start(
              EXAMPLE + "/upstreams/0" + (i + 1),
              dir.resolve("upstream" + i),
              8081 + i,
              upstreamPorts[i]);
    }
    proxyPort = port(taken);
    List<Path> files =
        ExampleDeployment.copy(
            EXAMPLE,
            dir.resolve("proxy"),
            8081,
            upstreamPorts[0],
            8082,
            upstreamPorts[1],
            8083,
            upstreamPorts[2],
            65535,
            proxyPort);
    // the onramp's errors lead nowhere (as in the recipe): answer them after 1 s, not 30 s
    Path config = dir.resolve("proxy/config.yaml");
    String port = "port: " + proxyPort;
    Files.writeString(
        config, Files.readString(config).replace(port, port + "\n      reply_timeout_ms: 1000"));
    proxy = ExampleDeployment.start(files);
  }

  private static int port(List<Integer> taken) {
    int p =
        ExampleDeployment.freePortAvoiding(taken.stream().mapToInt(Integer::intValue).toArray());
    taken.add(p);
    return p;
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    for (ExampleDeployment u : upstreams) {
      if (u != null) {
        u.close();
      }
    }
  }

  private HttpResponse<String> anything(String body) throws Exception {
    return Http.send("GET", proxyPort, "/anything", "application/json", body);
  }

  private static String host(Value answer) {
    return ((Value.Str) ((Value.Arr) at(answer, "headers", "host")).get(0)).value();
  }

  @Test
  void theRequestIsForwardedAndTheResponseGainsVia() throws Exception {
    HttpResponse<String> r = anything("{\"snot\": \"badger\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("via").orElseThrow()).matches("1\\.1 .+/tremor");
    Value answer = json(r);
    String forwarded = "by=localhost:" + proxyPort + ";host=localhost:" + proxyPort + ";proto=http";
    assertThat(Json.writeSorted(at(answer, "json")))
        .isEqualTo("{\"forwarded\":\"" + forwarded + "\",\"snot\":\"badger\"}");
    assertThat(Json.write(at(answer, "headers", "forwarded"))).isEqualTo("[\"" + forwarded + "\"]");
    assertThat(at(answer, "method")).isEqualTo(Value.of("GET"));
    assertThat(at(answer, "url", "path")).isEqualTo(Value.of("/anything"));
  }

  @Test
  void requestsGoToTheThreeUpstreamsInTurn() throws Exception {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Value answer = json(anything("{\"n\": " + i + "}"));
      assertThat(at(answer, "json", "n")).isEqualTo(Value.of(i));
      hosts.add(host(answer));
      boolean third = host(answer).equals("localhost:" + upstreamPorts[2]);
      Value upstreamHeader = ((Value.Obj) at(answer, "headers")).get("x-upstream");
      assertThat(upstreamHeader == null ? null : Json.write(upstreamHeader))
          .as("x-upstream of %s", host(answer))
          .isEqualTo(third ? "[\"upstream03\"]" : null);
    }
    // a cycle over all three, repeated
    assertThat(hosts.subList(0, 3)).doesNotHaveDuplicates();
    assertThat(hosts.subList(3, 6)).isEqualTo(hosts.subList(0, 3));
    for (int p : upstreamPorts) {
      assertThat(hosts).contains("localhost:" + p);
    }
  }

  @Test
  void withAnUpstreamDownEveryRequestIsAnsweredAndTheOthersServe() throws Exception {
    upstreams[1].close();
    upstreams[1] = null;
    int errors = 0;
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      HttpResponse<String> r = anything("{\"n\": " + i + "}");
      if (r.statusCode() == 504) {
        // held back by the upstream's qos::backpressure (its overflow leads nowhere): the
        // onramp's reply timeout answers
        errors++;
      } else if (r.statusCode() == 500) {
        errors++;
        assertThat(((Value.Str) at(json(r), "error")).value())
            .startsWith(
                "Oh no, we ran into something unexpected :(\n Error sending HTTP request to"
                    + " http://localhost:"
                    + upstreamPorts[1]
                    + "/anything: ");
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        served.add(host(json(r)));
      }
    }
    assertThat(errors).isBetween(1, 3);
    assertThat(served)
        .hasSize(9 - errors)
        .containsOnly("localhost:" + upstreamPorts[0], "localhost:" + upstreamPorts[2]);
  }

  @Test
  void aBodyTheProxyCannotDecodeIsAnsweredWhenTheReplyTimeoutPasses() throws Exception {
    HttpResponse<String> r = Http.send("GET", proxyPort, "/anything", Http.CURL_FORM, "not json");
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).isEqualTo("{\"error\":\"No reply within reply_timeout_ms (1000 ms)\"}");
    assertThat(anything("{}").statusCode()).isEqualTo(200);
  }
}
