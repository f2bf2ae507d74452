package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void aUrlStringGivesItsParts() throws Exception {
    Endpoint e = Endpoint.parse("http://localhost:8080/path?query=value#fragment");
    assertThat(e)
        .isEqualTo(
            new Endpoint(
                "http", null, null, "localhost", 8080, "/path", "query=value", "fragment"));
  }

  @Test
  void theSchemesDefaultPortIsNoPartAndAnEmptyPathIsTheRoot() throws Exception {
    Endpoint e = Endpoint.parse("HTTPS://user:secret@example.org:443");
    assertThat(e.scheme()).isEqualTo("https");
    assertThat(e.port()).isNull();
    assertThat(e.path()).isEqualTo("/");
    assertThat(e.username()).isEqualTo("user");
    assertThat(e.password()).isEqualTo("secret");
  }

  @Test
  void badUrlsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Endpoint.parse("not a url"))
        .isInstanceOf(Endpoint.EndpointException.class)
        .hasMessageContaining("invalid url not a url");
    assertThatThrownBy(() -> Endpoint.parse("/relative"))
        .hasMessage("invalid url /relative: relative URL without a base");
  }

  @Test
  void aRecordIsLaidOverTheBasePartByPart() throws Exception {
    Endpoint base = Endpoint.parse("http://example.org:80/");
    Endpoint merged =
        base.merge(Json.parse("{\"host\":\"tremor.rs\",\"query\":\"version=0.9\",\"port\":\"x\"}"));
    assertThat(merged)
        .isEqualTo(new Endpoint("http", null, null, "tremor.rs", null, "/", "version=0.9", null));
  }

  @Test
  void theTargetTakesHttpLocalhostPartsWhereNoneIsGiven() throws Exception {
    Endpoint.Target t = Endpoint.of(Json.parse("{\"host\":\"127.0.0.1\",\"port\":8081}")).target();
    assertThat(t.display()).isEqualTo("http://127.0.0.1:8081/");
    assertThat(t.hostHeader()).isEqualTo("127.0.0.1:8081");
    assertThat(t.poolKey()).isEqualTo(new Endpoint.PoolKey("http", "127.0.0.1", 8081));
    Endpoint.Target dflt = Endpoint.parse("http://h:80/a?b=c#d").target();
    assertThat(dflt.hostHeader()).isEqualTo("h");
    assertThat(dflt.requestUri()).isEqualTo("/a?b=c");
    assertThat(dflt.portOrDefault()).isEqualTo(80);
    assertThat(Endpoint.parse("https://[::1]:8443/").target().socketHost()).isEqualTo("::1");
  }

  @Test
  void aTargetNeedsAHostAndHttpOrHttps() {
    assertThatThrownBy(() -> Endpoint.of(Json.parse("{\"path\":\"/x\"}")).target())
        .hasMessage("empty host");
    assertThatThrownBy(() -> Endpoint.parse("ftp://h/").target())
        .hasMessage("Invalid URI scheme ftp (use http or https)");
  }

  @Test
  void theMetaRecordHasTremorsEightParts() throws Exception {
    Value meta = Endpoint.parse("http://localhost:3000/path?query=value#fragment").target().meta();
    assertThat(Json.write(meta))
        .isEqualTo(
            "{\"scheme\":\"http\",\"username\":null,\"password\":null,\"host\":\"localhost\","
                + "\"port\":3000,\"path\":\"/path\",\"query\":\"query=value\","
                + "\"fragment\":\"fragment\"}");
  }
}
