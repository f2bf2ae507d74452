package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every limit and malformed request over raw sockets: the exact status and JSON error, the
 * connection closed after it, and another client on the same onramp served meanwhile.
 */
class RestLimitsIT {
  private final TestContext ctx = new TestContext(true);
  private RestOnramp onramp;

  @BeforeEach
  void start() throws Exception {
    RestOnrampSettings settings =
        RestOnrampSettings.defaults("127.0.0.1", 0).withLimits(16, 512, 128, 300, 0);
    onramp = new RestOnramp(ctx.artefact(), settings);
    onramp.start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("fine"), Value.EMPTY_OBJECT, e.stream()));
  }

  @AfterEach
  void stop() {
    onramp.stop();
  }

  /** Sends {@code request} on one connection while another stays usable; returns the answer. */
  private RawHttpClient.Response refused(String request, int status) throws Exception {
    try (RawHttpClient other = new RawHttpClient(onramp.port());
        RawHttpClient c = new RawHttpClient(onramp.port())) {
      other.send("GET /before HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(other.read().body()).isEqualTo("fine");
      c.send(request);
      RawHttpClient.Response r = c.read();
      assertThat(r.status()).isEqualTo(status);
      assertThat(r.header("content-type")).isEqualTo("application/json");
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
      other.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(other.read().body()).isEqualTo("fine");
      Await.until("only the other connection left", () -> onramp.openConnections() == 1);
      return r;
    } finally {
      Await.until("no reply pending", () -> onramp.pendingReplies() == 0);
    }
  }

  @Test
  void headersTooLargeAre431() throws Exception {
    RawHttpClient.Response r =
        refused("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(600) + "\r\n\r\n", 431);
    assertThat(r.body()).isEqualTo("{\"error\":\"Request header fields too large\"}");
  }

  @Test
  void requestLineTooLongIs431() throws Exception {
    RawHttpClient.Response r =
        refused("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431);
    assertThat(r.body()).isEqualTo("{\"error\":\"Request line too long\"}");
  }

  @Test
  void announcedBodyOverMaxBodySizeIs413BeforeTheBodyIsSent() throws Exception {
    RawHttpClient.Response r =
        refused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", 413);
    assertThat(r.body())
        .isEqualTo("{\"error\":\"Request body larger than max_body_size (16 bytes)\"}");
  }

  @Test
  void expectContinueWithATooLargeBodyGets413Not100() throws Exception {
    refused(
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n", 413);
  }

  @Test
  void chunkedBodyOverMaxBodySizeIs413() throws Exception {
    refused(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n",
        413);
  }

  @Test
  void malformedRequestIs400() throws Exception {
    RawHttpClient.Response r = refused("GET / HTTP/1.1\r\nHost x\r\n\r\n", 400);
    assertThat(r.body()).startsWith("{\"error\":\"Bad request: ");
  }

  @Test
  void badContentLengthIs400() throws Exception {
    refused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400);
  }

  @Test
  void smugglingShapesAre400() throws Exception {
    refused(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\n",
        400);
    refused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na", 400);
    refused("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", 400);
  }

  @Test
  void otherTransferCodingsAre501AndOtherVersions505() throws Exception {
    refused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
    refused("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
  }

  @Test
  void badChunkIs400() throws Exception {
    refused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n", 400);
  }

  @Test
  void unknownExpectationIs417() throws Exception {
    refused("POST / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\na", 417);
  }

  @Test
  void slowHeadersAre408() throws Exception {
    RawHttpClient.Response r = refused("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", 408);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"Request headers not received within header_timeout_ms (300 ms)\"}");
  }

  @Test
  void refusalAfterPipelinedRequestsComesAfterTheirAnswers() throws Exception {
    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost x\r\n\r\n");
      assertThat(c.read().body()).isEqualTo("fine");
      assertThat(c.read().status()).isEqualTo(400);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void idleKeepAliveConnectionIsClosedWithoutAnAnswer() throws Exception {
    onramp.stop();
    onramp =
        new RestOnramp(
            ctx.artefact(),
            RestOnrampSettings.defaults("127.0.0.1", 0).withLimits(16, 512, 128, 0, 200));
    onramp.start(ctx);
    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.read().body()).isEqualTo("fine");
      assertThat(c.closedByServer()).isTrue();
    }
    Await.until("connection count back to 0", () -> onramp.openConnections() == 0);
  }
}
