package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rest onramp over real sockets: linked and not, pipelining, keep-alive, replies. */
class RestOnrampIT {
  private final List<RestOnramp> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    started.forEach(RestOnramp::stop);
    http.close();
  }

  private RestOnramp start(TestContext ctx, RestOnrampSettings settings) throws Exception {
    RestOnramp onramp = new RestOnramp(ctx.artefact(), settings);
    onramp.start(ctx);
    started.add(onramp);
    return onramp;
  }

  private RestOnramp start(TestContext ctx) throws Exception {
    return start(ctx, RestOnrampSettings.defaults("127.0.0.1", 0));
  }

  static Event reply(Event request, Value data, Value response) {
    return new Event(request.id(), 0, data, Value.obj("response", response), request.stream());
  }

  private URI uri(RestOnramp onramp, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + onramp.port() + pathAndQuery);
  }

  @Test
  void linkedRequestGetsItsReplyWithStatusHeadersAndBodyByContentType() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e ->
            onramp.reply(
                reply(
                    e,
                    Value.obj("got", e.data()),
                    Value.obj(
                        "status",
                        Value.of(201),
                        "headers",
                        Value.obj(
                            "content-type",
                            Value.of("application/json"),
                            "x-powered-by",
                            new Value.Arr(List.of(Value.of("Tremor"), Value.of("Quiver")))))));

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/echo?a=1"))
                .header("Content-Type", "application/json")
                .header("X-Two", "one")
                .POST(HttpRequest.BodyPublishers.ofString("{\"snot\":\"badger\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{\"got\":{\"snot\":\"badger\"}}");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().allValues("x-powered-by")).containsExactly("Tremor", "Quiver");
    Event e = ctx.next();
    Value.Obj request = (Value.Obj) ((Value.Obj) e.meta()).get("request");
    assertThat(request.fields().keySet()).containsExactly("method", "headers", "url");
    assertThat(request.get("method")).isEqualTo(Value.of("POST"));
    assertThat(Json.write(request.get("url")))
        .isEqualTo(
            "{\"scheme\":\"http\",\"host\":\"127.0.0.1\",\"port\":"
                + onramp.port()
                + ",\"path\":\"/echo\",\"query\":\"a=1\"}");
    Value.Obj headers = (Value.Obj) request.get("headers");
    assertThat(headers.get("x-two")).isEqualTo(new Value.Arr(List.of(Value.of("one"))));
    assertThat(headers.get("content-type"))
        .isEqualTo(new Value.Arr(List.of(Value.of("application/json"))));
    Await.until("the request's stream ends", () -> ctx.closed.contains(e.stream()));
    assertThat(onramp.pendingReplies()).isZero();
  }

  @Test
  void replyWithoutContentTypeIsEncodedByTheOnrampCodecAndLabelledWithItsMimeType()
      throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("badger"), e.meta(), e.stream()));

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/snot")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("badger");
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
  }

  @Test
  void notLinkedAnswers202AtOnceAndStillSendsTheEvent() throws Exception {
    TestContext ctx = new TestContext(false);
    RestOnramp onramp = start(ctx);

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/in"))
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
    assertThat(ctx.next().data()).isEqualTo(Value.of("hello"));
    assertThat(onramp.pendingReplies()).isZero();
  }

  @Test
  void pipelinedRequestsAreAnsweredInRequestOrderWhateverTheReplyOrder() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ConcurrentLinkedQueue<Event> held = new ConcurrentLinkedQueue<>();
    ctx.responder = held::add;

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send(
          "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"
              + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nb"
              + "POST /3 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nc");
      Await.until("three requests taken", () -> held.size() == 3);
      List<Event> reversed = new ArrayList<>(held);
      Collections.reverse(reversed);
      for (Event e : reversed) {
        onramp.reply(new Event(e.id(), 0, e.data(), Value.EMPTY_OBJECT, e.stream()));
      }

      assertThat(c.read().body()).isEqualTo("a");
      assertThat(c.read().body()).isEqualTo("b");
      assertThat(c.read().body()).isEqualTo("c");
    }
    Await.until("no reply pending", () -> onramp.pendingReplies() == 0);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnectionAndHeadHasNoBody() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("body!"), Value.EMPTY_OBJECT, e.stream()));

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttpClient.Response head = c.read(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isEqualTo("5");
      c.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttpClient.Response get = c.read();
      assertThat(get.body()).isEqualTo("body!");
      assertThat(onramp.openConnections()).isEqualTo(1);
      c.send("GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawHttpClient.Response last = c.read();
      assertThat(last.header("connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(ctx.next().meta().toString()).contains("HEAD");
    Await.until("connection count back to 0", () -> onramp.openConnections() == 0);
  }

  @Test
  void http10RequestWithKeepAliveIsKeptOpenAndWithoutIsClosed() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("ok"), Value.EMPTY_OBJECT, e.stream()));

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertThat(c.read().header("connection")).isEqualTo("keep-alive");
      c.send("GET /b HTTP/1.0\r\n\r\n");
      assertThat(c.read().body()).isEqualTo("ok");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void chunkedBodyIsJoinedAndExpectContinueGets100First() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, e.data(), Value.EMPTY_OBJECT, e.stream()));

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send(
          "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
      assertThat(c.read().body()).isEqualTo("abcdefg");
      c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(100);
      c.send("hi");
      RawHttpClient.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("hi");
    }
  }

  @Test
  void errorEventIsAnswered500WithItsJsonAndBatchedReply500() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> {
          if (e.data() instanceof Value.Str s && s.value().equals("batch")) {
            onramp.reply(
                new Event(
                    e.id(),
                    0,
                    Value.EMPTY_ARRAY,
                    Value.EMPTY_OBJECT,
                    e.stream(),
                    io.quiver.value.Transit.NONE.withBatch(true)));
          } else {
            onramp.reply(e); // the error event itself, as an err port routed back would
          }
        };

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(500);
    assertThat(bad.body()).startsWith("{\"error\":\"bad JSON").contains("\"event_id\":0");
    assertThat(bad.headers().firstValue("content-type")).hasValue("application/json");

    HttpResponse<String> batch =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/b"))
                .POST(HttpRequest.BodyPublishers.ofString("batch"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(batch.statusCode()).isEqualTo(500);
    assertThat(batch.body())
        .isEqualTo("{\"error\":\"Batched events not supported in linked REST source.\"}");
  }

  @Test
  void bodyThatMakesNoEventIsAnswered400() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"error\":\"The request body made no event\"}");
    assertThat(onramp.pendingReplies()).isZero();
  }

  @Test
  void noReplyWithinTheReplyTimeoutIsAnswered504AndALateReplyIsDropped() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp =
        start(ctx, RestOnrampSettings.defaults("127.0.0.1", 0).withReplyTimeoutMs(200));

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/slow")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).isEqualTo("{\"error\":\"No reply within reply_timeout_ms (200 ms)\"}");
    Event e = ctx.next();
    assertThat(onramp.pendingReplies()).isZero();
    assertThat(ctx.closed).contains(e.stream());
    onramp.reply(new Event(e.id(), 0, Value.of("late"), Value.EMPTY_OBJECT, e.stream()));
    HttpResponse<String> next =
        http.send(
            HttpRequest.newBuilder(uri(onramp, "/next")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(next.statusCode()).isEqualTo(504);
  }

  @Test
  void clientGoneBeforeTheReplyLeavesNothingBehind() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
      ctx.next();
      assertThat(onramp.pendingReplies()).isEqualTo(1);
      assertThat(onramp.openConnections()).isEqualTo(1);
    }

    // the stream is closed after the counts drop (on the connection's loop): wait for all three
    Await.until(
        "pending replies and connections back to 0, the request's stream closed",
        () ->
            onramp.pendingReplies() == 0
                && onramp.openConnections() == 0
                && ctx.closed.size() == 1);
    assertThat(ctx.closed).hasSize(1);
  }

  @Test
  void nothingAfterAConnectionCloseRequestIsTaken() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("ok"), Value.EMPTY_OBJECT, e.stream()));

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send(
          "GET /1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              + "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.read().header("connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
    ctx.next();
    assertThat(ctx.received).isEmpty();
  }

  @Test
  void stopAcceptingClosesIdleConnectionsAndAnswersBusyOnesFirst() throws Exception {
    TestContext ctx = new TestContext(true);
    RestOnramp onramp = start(ctx);
    ConcurrentLinkedQueue<Event> held = new ConcurrentLinkedQueue<>();
    ctx.responder = held::add;

    try (RawHttpClient idle = new RawHttpClient(onramp.port());
        RawHttpClient busy = new RawHttpClient(onramp.port())) {
      busy.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
      Await.until("request taken", () -> held.size() == 1);
      Await.until("both connected", () -> onramp.openConnections() == 2);

      onramp.stopAccepting();

      assertThat(idle.closedByServer()).isTrue();
      Event e = held.poll();
      onramp.reply(new Event(e.id(), 0, Value.of("last"), Value.EMPTY_OBJECT, e.stream()));
      RawHttpClient.Response r = busy.read();
      assertThat(r.body()).isEqualTo("last");
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(busy.closedByServer()).isTrue();
    }
    Await.until(
        "nothing left", () -> onramp.openConnections() == 0 && onramp.pendingReplies() == 0);
  }
}
