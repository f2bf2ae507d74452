package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linked rest onramp in a whole deployment, the way Tremor's HTTP server recipe uses it: requests
 * go to a pipeline whose script sets {@code $response} by path and back to the onramp; the onramp's
 * and the pipeline's errors go through an error pipeline that answers 500 with a JSON body.
 */
class RestOnrampDeploymentIT {
  private static final String CONFIG =
      """
      onramp:
        - id: http
          type: rest
          linked: true
          codec: string
          config:
            host: 127.0.0.1
            port: PORT
      binding:
        - id: main
          links:
            "/onramp/http/{instance}/out": ["/pipeline/server/{instance}/in"]
            "/pipeline/server/{instance}/out": ["/onramp/http/{instance}/in"]
        - id: error
          links:
            "/onramp/http/{instance}/err": ["/pipeline/errors/{instance}/in"]
            "/pipeline/server/{instance}/err": ["/pipeline/errors/{instance}/in"]
            "/pipeline/errors/{instance}/out": ["/onramp/http/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
        /binding/error/01:
          instance: "01"
      """;

  private static final String SERVER =
      """
      define script route
      script
        let $response = {"status": 200, "headers": {"content-type": "application/json"}};
        match $request.url.path of
          case "/snot" => "badger"
          case "/echo" => {"body": event, "method": $request.method, "path": $request.url.path}
          case "/boom" => emit missing_var
          default =>
            let $response.status = 404,
            {"error": "Path not found: #{$request.url.path}"}
        end
      end;
      create script route;
      select event from in into route;
      select event from route into out;
      select event from route/err into err;
      """;

  private static final String ERRORS =
      """
      define script error
      script
        let $response = {"status": 500, "headers": {"content-type": "application/json"}};
        event
      end;
      create script error;
      select event from in into error;
      select event from error into out;
      """;

  @TempDir Path tmp;
  private World world;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    port = ExampleDeployment.freePort();
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, CONFIG.replace("PORT", String.valueOf(port)));
    Path server = tmp.resolve("server.trickle");
    Files.writeString(server, SERVER);
    Path errors = tmp.resolve("errors.trickle");
    Files.writeString(errors, ERRORS);
    world = World.load(List.of(server, errors, config), Registry.load());
    world.start();
  }

  @AfterEach
  void stop() {
    world.stop();
    http.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  @Test
  void snotIsBadgerAsJson() throws Exception {
    HttpResponse<String> r = send(at("/snot"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("\"badger\"");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void bodyIsDecodedByItsContentTypeElseByTheOnrampCodec() throws Exception {
    HttpResponse<String> json =
        send(
            at("/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"snot\": \"badger\"}")));
    HttpResponse<String> form =
        send(at("/echo").POST(HttpRequest.BodyPublishers.ofString("{\"snot\": \"badger\"}")));

    assertThat(json.body())
        .isEqualTo("{\"body\":{\"snot\":\"badger\"},\"method\":\"POST\",\"path\":\"/echo\"}");
    assertThat(form.body())
        .isEqualTo(
            "{\"body\":\"{\\\"snot\\\": \\\"badger\\\"}\",\"method\":\"POST\",\"path\":\"/echo\"}");
  }

  @Test
  void unknownPathIs404WithTheCause() throws Exception {
    HttpResponse<String> r = send(at("/nope"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"Path not found: /nope\"}");
  }

  @Test
  void badJsonBodyAndRuntimeErrorsAreAnswered500ThroughTheErrorPipeline() throws Exception {
    HttpResponse<String> bad =
        send(
            at("/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{")));
    HttpResponse<String> boom = send(at("/boom"));

    assertThat(bad.statusCode()).isEqualTo(500);
    assertThat(bad.body())
        .startsWith("{\"error\":")
        .contains("\"source_id\":\"tremor://localhost/onramp/http/01/in\"");
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).contains("missing_var");
  }

  @Test
  void keepAliveClientGetsEveryAnswerInOrder() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(send(at(i % 2 == 0 ? "/snot" : "/nope")).statusCode())
          .isEqualTo(i % 2 == 0 ? 200 : 404);
    }
  }
}
