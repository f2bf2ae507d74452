package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.testkit.TestCerts;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rest offramp against real upstreams on 127.0.0.1. */
class RestOfframpIT {
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<RestSink> sinks = new ArrayList<>();
  private long nextId;

  @AfterEach
  void tearDown() throws Exception {
    for (RestSink s : sinks) {
      s.stop();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closing.add(c);
    return c;
  }

  private RestSink sink(RestTestContext context, String configJson) throws Exception {
    RestOfframpProvider provider = new RestOfframpProvider();
    var validation = provider.configSpec().validate(Json.parse(configJson));
    assertThat(validation.problems()).isEmpty();
    RestSink sink = (RestSink) provider.create(context.artefact(), validation.config());
    sink.start(context);
    sinks.add(sink);
    return sink;
  }

  private Event event(String data, String meta) throws Exception {
    return new Event(
        new EventId(1, 0, nextId++),
        1,
        Json.parse(data),
        Json.parse(meta),
        7,
        Transit.NONE.withTransactional(true));
  }

  private static String meta(Event e) {
    return Json.write(e.meta());
  }

  @Test
  void aLinkedResponseComesOutWithTremorsMetaAndTheCorrelation() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(
            ctx,
            "{\"endpoint\":\"http://127.0.0.1:"
                + up.port()
                + "/echo?x=1\",\"method\":\"get\",\"headers\":{\"Content-Type\":\"application/json\"}}");
    Event request =
        event(
            "{\"foo\":\"bar\"}",
            "{\"correlation\":[\"1\",\"2\"],\"request\":{\"headers\":{\"x-correlation\":[\"1\",\"2\"]}}}");
    sink.onEvent(request);
    RestTestContext.Emitted out = ctx.next();
    assertThat(out.port()).isEqualTo(Ports.OUT);
    assertThat(out.event().id()).isEqualTo(request.id());
    assertThat(out.event().stream()).isEqualTo(7);
    assertThat(Json.write(out.event().data()))
        .isEqualTo(
            "{\"method\":\"GET\",\"uri\":\"/echo?x=1\",\"body\":\"{\\\"foo\\\":\\\"bar\\\"}\"}");
    String meta = meta(out.event());
    assertThat(meta)
        .startsWith("{\"correlation\":[\"1\",\"2\"],\"response\":{\"status\":200,\"headers\":{")
        .contains("\"multiple\":[\"first\",\"second\"]")
        .contains("\"content-type\":[\"application/json\"]")
        .contains("\"request\":{\"method\":\"GET\",\"headers\":{")
        .contains("\"x-correlation\":[\"1\",\"2\"]")
        .contains(
            "\"endpoint\":{\"scheme\":\"http\",\"username\":null,\"password\":null,\"host\":\"127.0.0.1\",\"port\":"
                + up.port()
                + ",\"path\":\"/echo\",\"query\":\"x=1\",\"fragment\":null}");
    TestHttpUpstream.Received r = up.received.get(0);
    assertThat(r.header("x-correlation")).isEqualTo("1,2");
    assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + up.port());
    Insight ack = ctx.nextInsight();
    assertThat(ack.kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(ack.meta()).isInstanceOf(Value.Obj.class);
    Await.until("the request is done", () -> sink.drained());
  }

  @Test
  void perEventEndpointsAndMethodsAndTheBodysContentType() throws Exception {
    TestHttpUpstream a = closeLater(TestHttpUpstream.http());
    TestHttpUpstream b = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(
            ctx,
            "{\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":" + a.port() + ",\"path\":\"/echo\"}}");
    sink.onEvent(
        event("\"plain\"", "{\"endpoint\":{\"port\":" + b.port() + ",\"path\":\"/text\"}}"));
    RestTestContext.Emitted text = ctx.next();
    assertThat(text.event().data()).isEqualTo(Value.of("hello")); // text/plain: the string codec
    assertThat(b.received)
        .singleElement()
        .extracting(TestHttpUpstream.Received::uri)
        .isEqualTo("/text");
    sink.onEvent(
        event(
            "\"raw\"",
            "{\"endpoint\":\"http://127.0.0.1:"
                + a.port()
                + "/echo/2\",\"request\":{\"method\":\"PUT\",\"headers\":{\"content-type\":\"text/plain\"}}}"));
    RestTestContext.Emitted put = ctx.next();
    assertThat(Json.write(put.event().data()))
        .isEqualTo("{\"method\":\"PUT\",\"uri\":\"/echo/2\",\"body\":\"raw\"}");
    assertThat(a.received.get(0).header("content-type")).isEqualTo("text/plain");
  }

  @Test
  void errorStatusesAreResponsesThatFailAndEmptyBodiesAreEmptyRecords() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/missing\"}");
    sink.onEvent(event("1", "{}"));
    RestTestContext.Emitted out = ctx.next();
    assertThat(out.port()).isEqualTo(Ports.OUT);
    assertThat(Json.write(out.event().data())).isEqualTo("{\"error\":\"nope\"}");
    assertThat(meta(out.event())).contains("\"status\":404");
    assertThat(ctx.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    sink.onEvent(event("1", "{\"endpoint\":{\"path\":\"/empty\"}}"));
    RestTestContext.Emitted empty = ctx.next();
    assertThat(empty.event().data()).isEqualTo(Value.EMPTY_OBJECT);
    assertThat(meta(empty.event())).contains("\"status\":204");
  }

  @Test
  void keepAliveConnectionsAreReused() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/echo\"}");
    for (int i = 0; i < 20; i++) {
      sink.onEvent(event(String.valueOf(i), "{}"));
      assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    }
    assertThat(up.received).hasSize(20);
    assertThat(up.remotePorts).hasSize(1);
    assertThat(sink.metrics().snapshot().open()).isEqualTo(1);
  }

  @Test
  void concurrencyBoundsRequestsInFlightAndHoldsTheSender() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/gate\",\"concurrency\":2}");
    for (int i = 0; i < 8; i++) {
      sink.onEvent(event(String.valueOf(i), "{}"));
    }
    Await.until("two requests wait at the gate", () -> up.atGate.get() == 2);
    assertThat(ctx.originFlow.peek()).startsWith("hold ");
    assertThat(ctx.emitted).isEmpty();
    up.openGate();
    for (int i = 0; i < 8; i++) {
      assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    }
    assertThat(up.maxAtGate.get()).isEqualTo(2);
    assertThat(up.received).hasSize(8);
    Await.until(
        "the sender is released",
        () -> ctx.originFlow.stream().anyMatch(s -> s.startsWith("release ")));
    Await.until("drained", sink::drained);
  }

  @Test
  void anUnholdableSenderGetsTremors429PastTwiceTheLimit() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    ctx.holdable = false;
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/gate\",\"concurrency\":1}");
    for (int i = 0; i < 3; i++) {
      sink.onEvent(event(String.valueOf(i), "{}"));
    }
    RestTestContext.Emitted refused = ctx.next();
    assertThat(refused.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(refused.event().data()))
        .contains("\"error\":\"Dropped data due to overload\"");
    assertThat(meta(refused.event())).contains("\"status\":429");
    up.openGate();
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
  }

  @Test
  void anUpstreamThatIsDownGets503InTremorsErrorShape() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + port + "/\"}");
    Event request = event("1", "{\"correlation\":\"snot\"}");
    sink.onEvent(request);
    RestTestContext.Emitted err = ctx.next();
    assertThat(err.port()).isEqualTo(Ports.ERR);
    assertThat(err.event().id()).isEqualTo(request.id());
    assertThat(Json.write(err.event().data()))
        .isEqualTo(
            "{\"error\":\"Error sending HTTP request to http://127.0.0.1:"
                + port
                + "/: Connection refused\",\"event_id\":\"1:0:0\"}");
    assertThat(meta(err.event()))
        .startsWith(
            "{\"response\":{\"status\":503,\"headers\":{\"Content-Type\":\"application/json\",\"Server\":\"Tremor\"}},\"error\":")
        .endsWith(",\"correlation\":\"snot\"}");
    assertThat(ctx.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    Await.until("drained", sink::drained);
  }

  @Test
  void aSlowUpstreamIsAnswered504AfterTheRequestTimeout() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(
            ctx,
            "{\"endpoint\":\"http://127.0.0.1:"
                + up.port()
                + "/slow\",\"request_timeout_ms\":300,\"concurrency\":1}");
    sink.onEvent(event("1", "{}"));
    sink.onEvent(event("2", "{}")); // waits for the first: its clock runs meanwhile
    for (int i = 0; i < 2; i++) {
      RestTestContext.Emitted err = ctx.next();
      assertThat(err.port()).isEqualTo(Ports.ERR);
      assertThat(meta(err.event())).contains("\"status\":504");
      assertThat(Json.write(err.event().data()))
          .contains("no response within 300 ms (request_timeout_ms)");
    }
    // Every connection that carried a request is closed (its late response would answer nothing).
    // The second request may time out while its connection is still being opened, for when the
    // timer fires late both deadlines are past at once: that connection carried nothing and stays
    // in the pool, idle, so at most one connection may remain open.
    Await.until(
        "each connection that carried a timed-out request is closed",
        () -> {
          ConnectionMetrics.Snapshot now = sink.metrics().snapshot();
          return now.closed() >= up.received.size() && now.open() <= 1;
        });
    Await.until("drained", sink::drained);
  }

  @Test
  void garbageAndClosedConnectionsAndOversizedResponsesAre503() throws Exception {
    RawUpstream garbage =
        closeLater(new RawUpstream((s, i) -> RawUpstream.write(s, "SNOT BADGER\r\n\r\n") && false));
    RawUpstream closer = closeLater(new RawUpstream((s, i) -> false));
    RawUpstream big =
        closeLater(
            new RawUpstream(
                (s, i) ->
                    RawUpstream.write(
                        s, "HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n" + "x".repeat(2048))));
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:1/\",\"max_response_size\":1024}");
    sink.onEvent(event("1", "{\"endpoint\":{\"port\":" + garbage.port() + "}}"));
    assertThat(Json.write(ctx.next().event().data())).contains("invalid HTTP response");
    sink.onEvent(event("1", "{\"endpoint\":{\"port\":" + closer.port() + "}}"));
    assertThat(Json.write(ctx.next().event().data()))
        .contains("connection closed before the response was complete");
    sink.onEvent(event("1", "{\"endpoint\":{\"port\":" + big.port() + "}}"));
    RestTestContext.Emitted tooBig = ctx.next();
    assertThat(Json.write(tooBig.event().data()))
        .contains("response body larger than max_response_size (1024 bytes)");
    assertThat(meta(tooBig.event())).contains("\"status\":503");
    Await.until("drained", sink::drained);
    Await.until("every connection closed", () -> sink.metrics().snapshot().open() == 0);
  }

  @Test
  void aStaleKeepAliveConnectionIsRetriedOnANewOne() throws Exception {
    // answers the first request of a connection with keep-alive; at the second it closes the
    // connection without a word, as an upstream whose idle timeout just struck
    RawUpstream once =
        closeLater(
            new RawUpstream(
                (s, i) ->
                    i == 0
                        && RawUpstream.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")));
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + once.port() + "/\"}");
    for (int i = 0; i < 3; i++) {
      sink.onEvent(event("1", "{}"));
      RestTestContext.Emitted out = ctx.next();
      assertThat(out.port()).as("answer %d: %s", i, out).isEqualTo(Ports.OUT);
    }
    // 1st on connection 1; 2nd fails on connection 1, retried on 2; 3rd fails on 2, retried on 3
    assertThat(once.connections.get()).isEqualTo(3);
  }

  @Test
  void aNewConnectionThatClosesIsNotRetried() throws Exception {
    RawUpstream closer = closeLater(new RawUpstream((s, i) -> false));
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + closer.port() + "/\"}");
    sink.onEvent(event("1", "{}"));
    assertThat(ctx.next().port()).isEqualTo(Ports.ERR);
    assertThat(closer.connections.get()).isEqualTo(1);
  }

  @Test
  void headRequestsGetTheirResponseWithoutABody() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/text\",\"method\":\"HEAD\"}");
    for (int i = 0; i < 2; i++) {
      sink.onEvent(event("1", "{}"));
      RestTestContext.Emitted out = ctx.next();
      assertThat(out.port()).isEqualTo(Ports.OUT);
      assertThat(out.event().data()).isEqualTo(Value.EMPTY_OBJECT);
      assertThat(meta(out.event())).contains("\"status\":200").contains("\"method\":\"HEAD\"");
    }
    assertThat(up.remotePorts).hasSize(1);
  }

  @Test
  void httpsWithTheConfiguredCa(@TempDir Path dir) throws Exception {
    TestCerts certs = TestCerts.generate(dir, "upstream");
    TestHttpUpstream up = closeLater(TestHttpUpstream.https(certs.serverContext()));
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(
            ctx,
            "{\"endpoint\":\"https://127.0.0.1:"
                + up.port()
                + "/echo\",\"tls\":{\"cafile\":"
                + Json.write(Value.of(certs.cert.toString()))
                + "}}");
    sink.onEvent(event("1", "{}"));
    RestTestContext.Emitted out = ctx.next();
    assertThat(out.port()).isEqualTo(Ports.OUT);
    assertThat(meta(out.event())).contains("\"scheme\":\"https\"");
    RestTestContext untrusting = new RestTestContext(true);
    RestSink refusing = sink(untrusting, "{\"endpoint\":\"https://127.0.0.1:" + up.port() + "/\"}");
    refusing.onEvent(event("1", "{}"));
    RestTestContext.Emitted err = untrusting.next();
    assertThat(err.port()).isEqualTo(Ports.ERR);
    assertThat(meta(err.event())).contains("\"status\":503");
  }

  @Test
  void notLinkedResponsesOnlyAckOrFail() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(false);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/echo\"}");
    sink.onEvent(event("1", "{}"));
    assertThat(ctx.nextInsight().kind()).isEqualTo(Insight.Kind.ACK);
    sink.onEvent(event("1", "{\"endpoint\":{\"path\":\"/missing\"}}"));
    assertThat(ctx.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    sink.onEvent(event("1", "{\"endpoint\":5}"));
    assertThat(ctx.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(ctx.emitted).isEmpty();
  }

  @Test
  void linkedBatchesAndBadEventsAreRefusedWithAnAnswer() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink = sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/echo\"}");
    Event batch =
        new Event(
            new EventId(1, 0, 99),
            1,
            Json.parse("[{\"data\":{\"value\":1,\"meta\":{}}}]"),
            Value.EMPTY_OBJECT,
            0,
            Transit.NONE.withBatch(true));
    sink.onEvent(batch);
    RestTestContext.Emitted refused = ctx.next();
    assertThat(Json.write(refused.event().data()))
        .contains("Batched events are not supported for linked rest offramps.");
    sink.onEvent(event("1", "{\"request\":{\"method\":\"FETCH\"}}"));
    RestTestContext.Emitted bad = ctx.next();
    assertThat(bad.port()).isEqualTo(Ports.ERR);
    assertThat(meta(bad.event())).contains("\"status\":400").contains("Invalid HTTP method");
    sink.onEvent(event("1", "{\"request\":{\"headers\":{\"x\":\"a\\r\\nInjected: yes\"}}}"));
    assertThat(meta(ctx.next().event())).contains("\"status\":400").contains("line break");
    assertThat(up.received).isEmpty();
    Await.until("drained", sink::drained);
  }

  @Test
  void stoppingAnswersWhatIsStillOutstanding() throws Exception {
    TestHttpUpstream up = closeLater(TestHttpUpstream.http());
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/slow\",\"concurrency\":1}");
    sink.onEvent(event("1", "{}"));
    sink.onEvent(event("2", "{}"));
    Await.until("the first request arrived", () -> up.received.size() == 1);
    sink.stop();
    for (int i = 0; i < 2; i++) {
      RestTestContext.Emitted err = ctx.next(Duration.ofSeconds(5));
      assertThat(Json.write(err.event().data()))
          .contains("the offramp stopped before the response");
    }
    assertThat(sink.drained()).isTrue();
    Await.until("every connection closed", () -> sink.metrics().snapshot().open() == 0);
  }
}
