package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ClientAuth;
import io.quiver.connectors.net.ServerTlsSettings;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rest onramp over TLS, with the JDK client and with curl; https shows in $request.url. */
class RestTlsIT {
  @TempDir Path dir;
  private TestCerts certs;
  private RestOnramp onramp;
  private final TestContext ctx = new TestContext(true);

  @BeforeEach
  void start() throws Exception {
    certs = TestCerts.generate(dir, "server");
    ServerTlsSettings tls =
        new ServerTlsSettings(certs.cert.toString(), certs.key.toString(), null, ClientAuth.NONE);
    onramp =
        new RestOnramp(ctx.artefact(), RestOnrampSettings.defaults("127.0.0.1", 0).withTls(tls));
    onramp.start(ctx);
    ctx.responder =
        e ->
            onramp.reply(
                new Event(
                    e.id(),
                    0,
                    ((Value.Obj) ((Value.Obj) e.meta()).get("request")).get("url"),
                    Value.obj(
                        "response",
                        Value.obj(
                            "headers", Value.obj("content-type", Value.of("application/json")))),
                    e.stream()));
  }

  @AfterEach
  void stop() {
    onramp.stop();
  }

  @Test
  void jdkClientOverHttps() throws Exception {
    try (HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).build()) {
      HttpResponse<String> r =
          https.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + onramp.port() + "/s?x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .isEqualTo(
              "{\"scheme\":\"https\",\"host\":\"localhost\",\"port\":"
                  + onramp.port()
                  + ",\"path\":\"/s\",\"query\":\"x\"}");
    }
  }

  @Test
  void curlOverHttpsWithAJsonBody() throws Exception {
    Process curl =
        new ProcessBuilder(
                "curl",
                "-s",
                "--cacert",
                certs.cert.toString(),
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"a\":1}",
                "https://localhost:" + onramp.port() + "/c")
            .redirectErrorStream(true)
            .start();
    assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(curl.exitValue()).as(out).isZero();
    assertThat(Json.parse(out))
        .isEqualTo(
            Value.obj(
                "scheme", Value.of("https"),
                "host", Value.of("localhost"),
                "port", Value.of(onramp.port()),
                "path", Value.of("/c")));
    assertThat(ctx.next().data()).isEqualTo(Value.obj("a", Value.of(1)));
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswerAndLeavesNothing() throws Exception {
    try (RawHttpClient c = new RawHttpClient(onramp.port())) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.closedByServer()).isTrue();
    }
    io.quiver.testkit.Await.until(
        "no connection left", () -> onramp.openConnections() == 0 && onramp.pendingReplies() == 0);
  }
}
