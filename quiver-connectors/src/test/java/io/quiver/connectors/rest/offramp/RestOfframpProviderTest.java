package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Json;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RestOfframpProviderTest {
  private final RestOfframpProvider provider = new RestOfframpProvider();

  private List<String> problems(String json) throws Exception {
    return provider.configSpec().validate(Json.parse(json)).problems().stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void isRegisteredAsRestWithTremorsDefaults() throws Exception {
    assertThat(ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().name()))
        .contains("rest");
    assertThat(provider.defaultCodec()).isEqualTo("json");
    assertThat(provider.requiresConfig()).isTrue();
    RestOfframpSettings s =
        RestOfframpSettings.from(
            provider.configSpec().validate(Json.parse("{\"endpoint\":\"http://h:1/\"}")).config());
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.concurrency()).isEqualTo(4);
    assertThat(s.headers()).isEmpty();
    assertThat(s.endpoint().host()).isEqualTo("h");
  }

  @Test
  void theMethodIsReadInAnyCaseAndUnknownOnesAreRefused() throws Exception {
    RestOfframpSettings s =
        RestOfframpSettings.from(
            provider
                .configSpec()
                .validate(Json.parse("{\"endpoint\":\"http://h/\",\"method\":\"get\"}"))
                .config());
    assertThat(s.method()).isEqualTo("GET");
    assertThat(problems("{\"method\":\"FETCH\"}"))
        .singleElement()
        .asString()
        .contains("Invalid HTTP method: FETCH");
  }

  @Test
  void endpointsAreCheckedInBothForms() throws Exception {
    assertThat(problems("{\"endpoint\":{\"host\":\"h\",\"port\":8080,\"path\":\"/x\"}}")).isEmpty();
    assertThat(problems("{\"endpoint\":\"ftp://h/\"}"))
        .singleElement()
        .asString()
        .contains("Invalid URI scheme ftp");
    assertThat(problems("{\"endpoint\":{\"hots\":\"h\",\"port\":70000}}"))
        .singleElement()
        .asString()
        .contains("unknown part hots")
        .contains("port must be an integer between 0 and 65535");
    assertThat(problems("{\"endpoint\":{\"path\":\"/x\"}}"))
        .singleElement()
        .asString()
        .contains("empty host");
    assertThat(problems("{\"endpoint\":5}"))
        .singleElement()
        .asString()
        .contains("must be a url string or a record of url parts");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    assertThat(
            problems(
                "{\"concurrency\":0,\"headers\":{\"a\":1},\"request_timeout_ms\":0,"
                    + "\"pool_size\":-1,\"tls\":{\"cert\":\"x\"}}"))
        .hasSizeGreaterThanOrEqualTo(5);
  }
}
