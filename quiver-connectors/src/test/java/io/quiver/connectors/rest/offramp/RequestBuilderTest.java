package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class RequestBuilderTest {

  private static RequestBuilder builder(String method, LinkedHashMap<String, String> headers)
      throws Exception {
    RestOfframpSettings s =
        new RestOfframpSettings(
            Endpoint.parse("http://localhost:65535/path?query=value#fragment"),
            method,
            headers,
            4,
            io.quiver.connectors.net.ClientTlsSettings.SYSTEM,
            1000,
            1000,
            4,
            1 << 20);
    return new RequestBuilder(s);
  }

  private static final BodyCodecs CODECS = new BodyCodecs(new RestTestContext(true));

  private static Event event(String data, String meta) throws Exception {
    return new Event(new EventId(1, 0, 7), 5, Json.parse(data), Json.parse(meta), 3);
  }

  /** The values of {@code name} in the request's head, joined by commas, or null. */
  private static String header(OutgoingRequest r, String name) {
    String head = new String(r.head(), StandardCharsets.ISO_8859_1);
    assertThat(head).endsWith("\r\n\r\n");
    return head.lines()
        .skip(1)
        .filter(l -> l.regionMatches(true, 0, name + ": ", 0, name.length() + 2))
        .map(l -> l.substring(name.length() + 2))
        .reduce((a, b) -> a + "," + b)
        .orElse(null);
  }

  @Test
  void metaHeadersWinOverConfiguredOnesAndListsGiveSeveralValues() throws Exception {
    LinkedHashMap<String, String> config = new LinkedHashMap<>();
    config.put("Server", "Tremor");
    config.put("Overwrite-Me", "oh noes!");
    OutgoingRequest r =
        builder("GET", config)
            .build(
                event(
                    "\"foo\"",
                    "{\"request\":{\"headers\":{\"Content-Type\":\"text/plain\","
                        + "\"Content-Length\":\"99\",\"overwrite-me\":\"indeed!\","
                        + "\"Multiple\":[\"first\",\"second\"],\"Transfer-Encoding\":\"chunked\","
                        + "\"Expect\":\"100-continue\",\"Connection\":\"close\","
                        + "\"Ignored\":5}}}"),
                CODECS);
    assertThat(header(r, "Overwrite-Me")).isEqualTo("indeed!");
    assertThat(header(r, "Multiple")).isEqualTo("first,second");
    assertThat(header(r, "Server")).isEqualTo("Tremor");
    assertThat(header(r, "Content-Length")).isEqualTo("3"); // the body's, not the event's
    assertThat(header(r, "Transfer-Encoding")).isNull();
    assertThat(header(r, "Expect")).isNull();
    assertThat(header(r, "Connection")).isNull();
    assertThat(header(r, "Ignored")).isNull();
    assertThat(header(r, "Host")).isEqualTo("localhost:65535");
    assertThat(r.method()).isEqualTo("GET");
    // text/plain picks the string codec: the string goes out without JSON quotes
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("foo");
    assertThat(Json.write(((Value.Obj) r.meta()).get("method"))).isEqualTo("\"GET\"");
    assertThat(Json.write(((Value.Obj) r.meta()).get("headers")))
        .contains("\"multiple\":[\"first\",\"second\"]")
        .contains("\"host\":[\"localhost:65535\"]");
  }

  @Test
  void withoutAContentTypeTheOfframpsCodecEncodesAndOctetStreamIsSent() throws Exception {
    OutgoingRequest r =
        builder("POST", new LinkedHashMap<>()).build(event("{\"a\":1}", "{}"), CODECS);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(header(r, "content-type")).isEqualTo("application/octet-stream");
    assertThat(r.target().display()).isEqualTo("http://localhost:65535/path?query=value");
  }

  @Test
  void aConfiguredContentTypeIsSentButDoesNotPickTheCodec() throws Exception {
    LinkedHashMap<String, String> config = new LinkedHashMap<>();
    config.put("Content-Type", "text/plain");
    OutgoingRequest r = builder("POST", config).build(event("\"x\"", "{}"), CODECS);
    assertThat(header(r, "content-type")).isEqualTo("text/plain");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("\"x\"");
  }

  @Test
  void theMethodAndEndpointComeFromMeta() throws Exception {
    OutgoingRequest r =
        builder("POST", new LinkedHashMap<>())
            .build(
                event(
                    "1",
                    "{\"request\":{\"method\":\" patch \"},"
                        + "\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":9,\"query\":null}}"),
                CODECS);
    assertThat(r.method()).isEqualTo("PATCH");
    assertThat(r.target().display()).isEqualTo("http://127.0.0.1:9/path?query=value");
    OutgoingRequest replaced =
        builder("POST", new LinkedHashMap<>())
            .build(event("1", "{\"endpoint\":\"https://u:p@example.org/x\"}"), CODECS);
    assertThat(replaced.target().display()).isEqualTo("https://example.org/x");
    assertThat(header(replaced, "authorization")).isEqualTo("Basic dTpw");
  }

  @Test
  void badMetaIsARequestErrorWithTremorsText() {
    assertThatThrownBy(
            () ->
                builder("POST", new LinkedHashMap<>())
                    .build(event("1", "{\"endpoint\":5}"), CODECS))
        .hasMessage("Invalid $endpoint type. Use String or Map.");
    assertThatThrownBy(
            () ->
                builder("POST", new LinkedHashMap<>())
                    .build(event("1", "{\"request\":{\"method\":\"FETCH\"}}"), CODECS))
        .hasMessage("Invalid HTTP method");
    assertThatThrownBy(
            () ->
                builder("POST", new LinkedHashMap<>())
                    .build(event("1", "{\"endpoint\":\"gopher://h/\"}"), CODECS))
        .hasMessageContaining("Invalid URI scheme gopher");
    assertThatThrownBy(
            () -> builder("POST", new LinkedHashMap<>()).build(event("13.0", "{}"), CODECS))
        .hasMessage("unlucky float");
  }

  @Test
  void aBatchTakesMetaFromItsFirstEntryAndConcatenatesTheBodies() throws Exception {
    Value entries =
        Json.parse(
            "[{\"data\":{\"value\":\"a\",\"meta\":{\"request\":{\"method\":\"PUT\","
                + "\"headers\":{\"content-type\":\"text/plain\"}}}}},"
                + "{\"data\":{\"value\":\"b\",\"meta\":{\"request\":{\"method\":\"GET\"}}}}]");
    Event batch =
        new Event(
            new EventId(1, 0, 1), 5, entries, Value.EMPTY_OBJECT, 0, Transit.NONE.withBatch(true));
    OutgoingRequest r = builder("POST", new LinkedHashMap<>()).build(batch, CODECS);
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ab");
  }

  @Test
  void theHeadIsTheRequestLineTheHeadersInOrderTheLengthAndTheEmptyLine() throws Exception {
    LinkedHashMap<String, String> config = new LinkedHashMap<>();
    config.put("X-A", "1");
    OutgoingRequest r =
        builder("PROPFIND", config)
            .build(
                event("\"body\"", "{\"request\":{\"headers\":{\"content-type\":\"text/plain\"}}}"),
                CODECS);
    assertThat(new String(r.head(), StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "PROPFIND /path?query=value HTTP/1.1\r\n"
                + "X-A: 1\r\n"
                + "content-type: text/plain\r\n"
                + "Host: localhost:65535\r\n"
                + "content-length: 4\r\n"
                + "\r\n");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("body");
  }

  @Test
  void headersAndTargetsNoRequestCouldCarryAreRefused() {
    assertThatThrownBy(
            () ->
                builder("GET", new LinkedHashMap<>())
                    .build(
                        event("1", "{\"request\":{\"headers\":{\"X\":\"a\\r\\nInjected: 1\"}}}"),
                        CODECS))
        .hasMessage("invalid request: header X has a line break in its value");
    assertThatThrownBy(
            () ->
                builder("GET", new LinkedHashMap<>())
                    .build(event("1", "{\"request\":{\"headers\":{\"a b\":\"1\"}}}"), CODECS))
        .hasMessage("invalid request: header a b: the name is not a token");
    assertThatThrownBy(
            () ->
                builder("GET", new LinkedHashMap<>())
                    .build(event("1", "{\"endpoint\":{\"path\":\"/a b\"}}"), CODECS))
        .hasMessageStartingWith("invalid request: the request target has a space");
  }

  @Test
  void eachRequestNamesItsOwnEndpointsHostWhateverTheRequestBeforeIt() throws Exception {
    RequestBuilder b = builder("GET", new LinkedHashMap<>());
    String[][] cases = {
      {"{}", "localhost:65535"},
      {"{\"endpoint\":{\"port\":8080}}", "localhost:8080"},
      {"{\"endpoint\":{\"host\":\"example.org\",\"port\":8080}}", "example.org:8080"},
      {"{\"endpoint\":\"http://example.org/\"}", "example.org"},
      {"{}", "localhost:65535"},
      {"{}", "localhost:65535"}
    };
    for (String[] c : cases) {
      OutgoingRequest r = b.build(event("1", c[0]), CODECS);
      assertThat(header(r, "Host")).as(c[0]).isEqualTo(c[1]);
      assertThat(Json.write(((Value.Obj) r.meta()).get("headers")))
          .as(c[0])
          .contains("\"host\":[\"" + c[1] + "\"]");
    }
  }

  @Test
  void eachRequestsEndpointRecordIsItsOwnTargetsWhateverTheRequestBeforeIt() throws Exception {
    RequestBuilder b = builder("GET", new LinkedHashMap<>());
    String[][] cases = {
      {"{}", "\"host\":\"localhost\",\"port\":65535,\"path\":\"/path\",\"query\":\"query=value\""},
      {"{}", "\"host\":\"localhost\",\"port\":65535,\"path\":\"/path\",\"query\":\"query=value\""},
      {"{\"endpoint\":{\"path\":\"/b\"}}", "\"port\":65535,\"path\":\"/b\""},
      {"{\"endpoint\":{\"port\":8080}}", "\"port\":8080,\"path\":\"/path\""},
      {"{}", "\"port\":65535,\"path\":\"/path\""}
    };
    Value previous = null;
    for (String[] c : cases) {
      OutgoingRequest r = b.build(event("1", c[0]), CODECS);
      Value endpoint = ((Value.Obj) r.meta()).get("endpoint");
      assertThat(Json.write(endpoint)).as(c[0]).contains(c[1]);
      assertThat(Json.write(((Value.Obj) r.meta()).get("method"))).isEqualTo("\"GET\"");
      if (c == cases[1]) {
        assertThat(endpoint).isSameAs(previous); // an equal target: the same record
      }
      previous = endpoint;
    }
  }
}
