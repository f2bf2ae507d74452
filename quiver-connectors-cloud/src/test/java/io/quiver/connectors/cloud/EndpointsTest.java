package io.quiver.connectors.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void emulatorVariablesNameHostAndPortOrAUrl() {
    assertThat(Endpoints.emulator(Map.of("V", "localhost:8085"), "V"))
        .isEqualTo("http://localhost:8085");
    assertThat(Endpoints.emulator(Map.of("V", "https://e.example/"), "V"))
        .isEqualTo("https://e.example");
    assertThat(Endpoints.emulator(Map.of("V", " "), "V")).isNull();
    assertThat(Endpoints.emulator(Map.of(), "V")).isNull();
  }

  @Test
  void onlyHttpUrlsWithAHostAreServiceUrls() {
    assertThat(Endpoints.problem("http://127.0.0.1:1/x")).isNull();
    assertThat(Endpoints.problem("ftp://x")).isEqualTo("value must be an http:// or https:// URL");
    assertThat(Endpoints.problem("http:///x")).isEqualTo("value must be a URL with a host");
  }

  @Test
  void transientStatusesBreakTheCircuitOthersOnlyTheEvent() {
    assertThat(new HttpStatusException("x", 503, "").transientStatus()).isTrue();
    assertThat(new HttpStatusException("x", 429, "").transientStatus()).isTrue();
    assertThat(new HttpStatusException("x", 404, "gone").transientStatus()).isFalse();
    assertThat(new HttpStatusException("x", 404, " gone\n")).hasMessage("x: HTTP 404: gone");
    assertThat(QueuedSink.describe(new java.net.ConnectException()))
        .isEqualTo("service unreachable: ConnectException");
  }
}
