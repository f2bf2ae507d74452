package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ClientAuth;
import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.testkit.Await;
import io.quiver.testkit.TestCerts;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on the rest onramp ({@code http2: true}): h2 by ALPN over TLS, h2c by upgrade and by prior
 * knowledge; each stream is one request with the same $request, answers and limits; HTTP/1.1
 * clients are still served on the same port.
 */
class RestHttp2IT {
  @TempDir Path dir;
  private final TestContext ctx = new TestContext(true);
  private RestOnramp onramp;

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
  }

  private void start(ServerTlsSettings tls) throws Exception {
    RestOnrampSettings s =
        RestOnrampSettings.defaults("127.0.0.1", 0)
            .withLimits(64, 16 * 1024, 8 * 1024, 10_000, 75_000)
            .withHttp2(true);
    onramp = new RestOnramp(ctx.artefact(), tls == null ? s : s.withTls(tls));
    onramp.start(ctx);
    // the reply is the request's $request, so the test sees what the onramp made of it
    ctx.responder =
        e ->
            onramp.reply(
                new Event(
                    e.id(),
                    0,
                    ((Value.Obj) e.meta()).get("request"),
                    Value.obj(
                        "response",
                        Value.obj(
                            "headers", Value.obj("content-type", Value.of("application/json")))),
                    e.stream()));
  }

  private static Value.Obj json(String body) throws Exception {
    return (Value.Obj) Json.parse(body);
  }

  @Test
  void h2OverTlsByAlpn() throws Exception {
    TestCerts certs = TestCerts.generate(dir, "server");
    start(
        new ServerTlsSettings(certs.cert.toString(), certs.key.toString(), null, ClientAuth.NONE));
    try (HttpClient h2 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(certs.clientContext())
            .build()) {
      HttpResponse<String> r =
          h2.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + onramp.port() + "/p?q=1"))
                  .POST(HttpRequest.BodyPublishers.ofString("hi"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.statusCode()).isEqualTo(200);
      Value.Obj request = json(r.body());
      assertThat(request.get("method")).isEqualTo(Value.of("POST"));
      assertThat(Json.write(request.get("url")))
          .isEqualTo(
              "{\"scheme\":\"https\",\"host\":\"localhost\",\"port\":"
                  + onramp.port()
                  + ",\"path\":\"/p\",\"query\":\"q=1\"}");
      assertThat(((Value.Obj) request.get("headers")).fields().keySet())
          .noneMatch(h -> h.startsWith("x-http2-"));
      assertThat(ctx.next().data()).isEqualTo(Value.of("hi"));

      // too large a body: the stream is answered 413 and reset (CANCEL) while the client may still
      // be sending; the JDK client then reports either the 413 or the reset, depending on which it
      // handles first (a race in the client, not a choice of the server's). Either way the stream
      // ends and the connection serves the next request.
      try {
        HttpResponse<String> big =
            h2.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + onramp.port() + "/big"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("\"error\"");
      } catch (java.io.IOException reset) {
        assertThat(reset).hasMessageContaining("RST_STREAM");
      }
      HttpResponse<String> after =
          h2.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + onramp.port() + "/after"))
                  .POST(HttpRequest.BodyPublishers.ofString("ok"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(ctx.next().data()).isEqualTo(Value.of("ok"));
    }
    Await.until("no reply pending", () -> onramp.pendingReplies() == 0);
  }

  @Test
  void h2cByUpgradeThenOnTheSameConnection() throws Exception {
    start(null);
    try (HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r =
            h2c.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onramp.port() + "/u" + i))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("url").toString()).contains("/u" + i);
      }
      assertThat(onramp.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void h2cByPriorKnowledgeWithCurlAndHttp11OnTheSamePort() throws Exception {
    start(null);
    Process curl =
        new ProcessBuilder(
                "curl",
                "-s",
                "--http2-prior-knowledge",
                "-w",
                "\\n%{http_version}",
                "http://127.0.0.1:" + onramp.port() + "/pk")
            .redirectErrorStream(true)
            .start();
    assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String[] out =
        new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    assertThat(out[out.length - 1]).isEqualTo("2");
    assertThat(json(out[0]).get("url").toString()).contains("/pk");

    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(200);
      c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(431);
    }
  }

  @Test
  void silentH2ConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    onramp =
        new RestOnramp(
            ctx.artefact(),
            RestOnrampSettings.defaults("127.0.0.1", 0)
                .withLimits(64, 16 * 1024, 8 * 1024, 10_000, 300)
                .withHttp2(true));
    onramp.start(ctx);
    ctx.responder =
        e -> onramp.reply(new Event(e.id(), 0, Value.of("ok"), Value.EMPTY_OBJECT, e.stream()));
    try (HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      HttpResponse<String> r =
          h2c.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onramp.port() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      Await.until("the silent connection closed", () -> onramp.openConnections() == 0);
    }
  }

  @Test
  void aStreamWaitingLongerThanTheIdleTimeoutIsStillAnswered() throws Exception {
    aHeldReplyIsStillAnswered(10_000, 200);
  }

  @Test
  void anUpgradedStreamWaitingLongerThanTheHeaderTimeoutIsStillAnswered() throws Exception {
    // the HTTP/1.1 request that asked for the upgrade started the header clock: it must not
    // answer the upgraded connection with a 408
    aHeldReplyIsStillAnswered(200, 75_000);
  }

  /**
   * An h2c request (the JDK client upgrades from HTTP/1.1) whose reply the pipeline holds for three
   * times the shorter of the two timeouts, while the connection is silent both ways.
   */
  private void aHeldReplyIsStillAnswered(long headerMs, long idleMs) throws Exception {
    onramp =
        new RestOnramp(
            ctx.artefact(),
            RestOnrampSettings.defaults("127.0.0.1", 0)
                .withLimits(64, 16 * 1024, 8 * 1024, headerMs, idleMs)
                .withHttp2(true));
    onramp.start(ctx);
    CompletableFuture<Event> held = new CompletableFuture<>();
    ctx.responder = held::complete;
    try (HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      CompletableFuture<HttpResponse<String>> answer =
          h2c.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onramp.port() + "/slow"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Event request = held.get(30, TimeUnit.SECONDS);
      // what is tested is that time passing does not end the exchange, so the wait is for the
      // clock itself
      long since = System.nanoTime();
      long quiet = TimeUnit.MILLISECONDS.toNanos(3 * Math.min(headerMs, idleMs));
      Await.until("three timeout periods passed", () -> System.nanoTime() - since > quiet);
      assertThat(onramp.openConnections()).isEqualTo(1);
      onramp.reply(
          new Event(request.id(), 0, Value.of("late"), Value.EMPTY_OBJECT, request.stream()));
      HttpResponse<String> r = answer.get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("late");
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }
}
