package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's own behaviour against a protocol-level node on 127.0.0.1 (the JDK's HTTP server
 * answering {@code GET /} and {@code POST /_bulk} as an Elasticsearch 7 node does): the bound on
 * requests in flight, the circuit, acks and fails. ElasticOfframpIT runs it against a real node.
 */
class ElasticSinkTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private HttpServer server;
  private ElasticSink sink;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private void node(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestMethod().equals("GET")) {
            answer(exchange, "{\"cluster_name\":\"c\",\"version\":{\"number\":\"7.10.1\"}}");
            return;
          }
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          bodies.add(body);
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            gate.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          StringBuilder items = new StringBuilder();
          for (String line : body.split("\n")) {
            if (line.startsWith("{\"index\"")) {
              items.append(items.isEmpty() ? "" : ",");
              items.append(
                  "{\"index\":{\"_index\":\"i\",\"_type\":\"t\",\"_id\":\"x\",\"_version\":1,\"status\":201}}");
            }
          }
          answer(exchange, "{\"took\":1,\"errors\":false,\"items\":[" + items + "]}");
        });
    server.start();
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, b.length);
    exchange.getResponseBody().write(b);
    exchange.close();
  }

  private ElasticSink sink(RecordingContext ctx, int port, int concurrency) throws Exception {
    ConfigSpec.Validation v =
        ElasticSettings.SPEC.validate(
            Json.parse(
                "{\"nodes\":[\"http://127.0.0.1:"
                    + port
                    + "/\"],\"concurrency\":"
                    + concurrency
                    + "}"));
    sink = new ElasticSink(ctx.artefact(), ElasticSettings.of(v.config()));
    sink.start(ctx);
    return sink;
  }

  private static Event event(long n, String meta) throws Exception {
    return new Event(
        new EventId(1, 0, n),
        0,
        Value.obj("n", Value.of(n)),
        Json.parse(meta),
        0,
        Transit.NONE.withTransactional(true));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void atMostConcurrencyRequestsAreInFlightAndEveryEventIsAckedInTheEnd() throws Exception {
    gate = new CountDownLatch(1);
    int port = freePort();
    node(port);
    RecordingContext ctx = new RecordingContext(true);
    sink(ctx, port, 2);
    for (long n = 0; n < 6; n++) {
      sink.onEvent(event(n, "{\"elastic\":{\"_index\":\"i\",\"_type\":\"t\"}}"));
    }
    Await.until("two requests at the node", WITHIN, () -> inFlight.get() == 2);
    assertThat(sink.drained()).isFalse();
    assertThat(ctx.originFlow).as("the senders past 2 waiting are held").isNotEmpty();
    gate.countDown();
    for (int i = 0; i < 6; i++) {
      assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.ACK);
    }
    Await.until("drained", WITHIN, sink::drained);
    assertThat(maxInFlight.get()).isEqualTo(2);
    assertThat(bodies).hasSize(6).allSatisfy(b -> assertThat(b).contains("\"_type\":\"t\""));
    assertThat(ctx.originFlow.stream().filter(s -> s.startsWith("release")).count())
        .isEqualTo(ctx.originFlow.stream().filter(s -> s.startsWith("hold")).count());
  }

  @Test
  void noNodeBreaksTheCircuitAndFailsTheEventAndTheNodeComingUpRestoresIt() throws Exception {
    int port = freePort();
    RecordingContext ctx = new RecordingContext(true);
    sink(ctx, port, 4);
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.CIRCUIT_BROKEN);
    Event e = event(7, "{\"elastic\":{\"_index\":\"i\"},\"correlation\":\"c7\"}");
    sink.onEvent(e);
    RecordingContext.Emitted err = ctx.next();
    assertThat(err.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(err.event().data()))
        .startsWith("{\"source\":{\"event_id\":\"1:0:7\",\"origin\":null},\"success\":false,")
        .contains("Error sending bulk request to http://127.0.0.1:" + port + "/");
    assertThat(Json.write(err.event().meta())).isEqualTo("{\"correlation\":\"c7\"}");
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.FAIL);
    node(port);
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.CIRCUIT_RESTORED);
    sink.onEvent(event(8, "{\"elastic\":{\"_index\":\"i\"}}"));
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.ACK);
  }

  @Test
  void anEmptyBatchIsAckedWithoutARequest() throws Exception {
    int port = freePort();
    node(port);
    RecordingContext ctx = new RecordingContext(true);
    sink(ctx, port, 4);
    Event empty =
        new Event(
            new EventId(1, 0, 1),
            0,
            Value.EMPTY_ARRAY,
            Value.EMPTY_OBJECT,
            0,
            Transit.NONE.withTransactional(true).withBatch(true));
    sink.onEvent(empty);
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(bodies).isEmpty();
    assertThat(ctx.emitted).isEmpty();
  }

  @Test
  void anEventThatIsNoBulkRequestIsFailedAndAnsweredOnErr() throws Exception {
    int port = freePort();
    node(port);
    RecordingContext ctx = new RecordingContext(true);
    sink(ctx, port, 4);
    sink.onEvent(event(3, "{\"elastic\":{\"_index\":\"i\",\"action\":\"upsert\"}}"));
    RecordingContext.Emitted err = ctx.next();
    assertThat(err.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(err.event().data()))
        .isEqualTo(
            "{\"success\":false,\"error\":\"Invalid ES Payload: invalid ES operation, use one of"
                + " `delete`, `create`, `update`, `index`: upsert\",\"payload\":{\"n\":3},"
                + "\"source\":{\"event_id\":\"1:0:3\",\"origin\":null}}");
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(bodies).isEmpty();
  }

  @Test
  void unlinkedItAcksButAnswersNothing() throws Exception {
    int port = freePort();
    node(port);
    RecordingContext ctx = new RecordingContext(false);
    sink(ctx, port, 4);
    sink.onEvent(event(1, "{\"elastic\":{\"_index\":\"i\"}}"));
    assertThat(ctx.nextInsight(WITHIN).kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(ctx.emitted).isEmpty();
  }
}
