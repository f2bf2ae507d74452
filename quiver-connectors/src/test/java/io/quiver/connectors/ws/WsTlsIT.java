package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.quiver.spi.Ports;
import io.quiver.testkit.TestCerts;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsTlsIT {
  @TempDir static Path dir;
  private static TestCerts certs;
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  @BeforeAll
  static void generate() throws Exception {
    certs = TestCerts.generate(dir, "server");
  }

  private static Value serverTls() {
    return Value.obj(
        "cert", Value.of(certs.cert.toString()), "key", Value.of(certs.key.toString()));
  }

  private TestUpstream tlsUpstream(String subprotocols) throws Exception {
    SslContext ssl = SslContextBuilder.forServer(certs.cert.toFile(), certs.key.toFile()).build();
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO, ssl, subprotocols);
    fixture.add(up);
    return up;
  }

  /**
   * Offramp settings with a connect timeout generous enough for a cold JVM's first TLS handshake.
   */
  private static WsOfframpSettings tlsOfframp(String url, Object... keysAndValues) {
    Object[] all = java.util.Arrays.copyOf(keysAndValues, keysAndValues.length + 2);
    all[keysAndValues.length] = "connect_timeout_ms";
    all[keysAndValues.length + 1] = 20_000;
    return TestSettings.offramp(url, all);
  }

  /**
   * Sends {@code text} through a new linked offramp to {@code url} with the given config keys and
   * values; returns its first answer (reply or error).
   */
  private RecordingSinkContext.Emitted firstAnswer(String url, String text, Object... keysAndValues)
      throws Exception {
    RecordingSinkContext context = new RecordingSinkContext(true);
    fixture.offramp(context, tlsOfframp(url, keysAndValues)).onEvent(request(text));
    return context.next();
  }

  private static Event request(String text) {
    return new Event(new EventId(1, 0, 0), 1, Value.of(text), Value.EMPTY_OBJECT, 1);
  }

  @Test
  void aWssOnrampServesAClientThatTrustsItsCertificate() throws Exception {
    RecordingSourceContext context = new RecordingSourceContext(false);
    WsOnramp onramp = fixture.onramp(context, TestSettings.onramp("tls", serverTls()));
    HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
    try (TestClient client =
        TestClient.connect(
            https, URI.create("wss://localhost:" + onramp.boundPort() + "/"), null)) {
      long stream = context.nextOpened();
      client.send("over tls");
      assertThat(context.nextReceived().text()).isEqualTo("over tls");
      onramp.reply(
          new Event(new EventId(1, 0, 0), 1, Value.of("secret reply"), Value.EMPTY_OBJECT, stream));
      assertThat(client.nextText()).isEqualTo("secret reply");
    }
  }

  @Test
  void aPlainClientCannotTalkToAWssOnramp() throws Exception {
    RecordingSourceContext context = new RecordingSourceContext(false);
    WsOnramp onramp = fixture.onramp(context, TestSettings.onramp("tls", serverTls()));
    try (RawWsClient plain = RawWsClient.connect(onramp.boundPort())) {
      assertThat(plain.handshakeResponse).doesNotContain("101");
    }
    assertThat(context.opened).isEmpty();
  }

  @Test
  void theOfframpTrustsAConfiguredCaFileAndVerifiesTheHostName() throws Exception {
    TestUpstream up = tlsUpstream(null);
    String url = "wss://localhost:" + up.port();
    RecordingSinkContext.Emitted reply =
        firstAnswer(url, "hello", "tls", Value.obj("cafile", Value.of(certs.cert.toString())));
    assertThat(reply.port()).isEqualTo(Ports.OUT);
    assertThat(reply.event().data()).isEqualTo(Value.of("hello"));
  }

  @Test
  void aCertificateForAnotherNameIsRejected() throws Exception {
    TestUpstream up = tlsUpstream(null);
    String url = "wss://127.0.0.1:" + up.port();
    RecordingSinkContext.Emitted error =
        firstAnswer(
            url,
            "hello",
            "tls",
            Value.obj(
                "cafile", Value.of(certs.cert.toString()), "domain", Value.of("other.example")));
    assertThat(error.port()).isEqualTo(Ports.ERR);
    assertThat(error.event().metaField("error"))
        .isEqualTo(
            Value.of(
                "Error sending event to server "
                    + url
                    + ": TLS error: (certificate_unknown) No subject alternative DNS name matching other.example found."
                    + " (the certificate does not name this host: check the url or set tls.domain)"));
    assertThat(up.handshakes.get()).isZero();
  }

  @Test
  void anUntrustedCertificateIsRejectedByDefault() throws Exception {
    TestUpstream up = tlsUpstream(null);
    String url = "wss://localhost:" + up.port();
    RecordingSinkContext.Emitted error = firstAnswer(url, "hello");
    assertThat(error.port()).isEqualTo(Ports.ERR);
    assertThat(((Value.Str) error.event().metaField("error")).value())
        .startsWith(
            "Error sending event to server "
                + url
                + ": TLS error: (certificate_unknown) PKIX path building failed")
        .endsWith(" (the upstream's certificate is not trusted: add its CA as tls.cafile)");
    assertThat(up.handshakes.get()).isZero();
  }

  @Test
  void insecureAcceptsAnyCertificate() throws Exception {
    TestUpstream up = tlsUpstream(null);
    assertThat(firstAnswer(up.url(), "hello", "tls", Value.obj("insecure", Value.TRUE)))
        .extracting(emitted -> emitted.event().data())
        .isEqualTo(Value.of("hello"));
  }

  @Test
  void wssEndToEndForwardsAuthorizationAndSubprotocolToTheUpstream() throws Exception {
    TestUpstream up = tlsUpstream("chat.v1");
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp(
                "tls", serverTls(),
                "forward_headers", Value.array(Value.of("Authorization")),
                "subprotocols", Value.array(Value.of("chat.v1"))));
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            tlsOfframp(
                "wss://localhost:" + up.port(),
                "tls",
                Value.obj("cafile", Value.of(certs.cert.toString())),
                "headers",
                Value.obj("X-Proxy", Value.of("quiver"))));
    fixture.bridge(onramp, offramp);
    HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
    try (TestClient client =
        TestClient.connect(
            https,
            URI.create("wss://localhost:" + onramp.boundPort() + "/"),
            "chat.v1",
            "Authorization",
            "Bearer abc")) {
      assertThat(client.subprotocol()).isEqualTo("chat.v1");
      client.send("snot");
      assertThat(client.nextText()).isEqualTo("snot");
      io.netty.handler.codec.http.HttpHeaders seen =
          up.handshakeHeaders.poll(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(seen).isNotNull();
      assertThat(seen.get("Authorization")).isEqualTo("Bearer abc");
      assertThat(seen.get("X-Proxy")).isEqualTo("quiver");
      assertThat(up.subprotocols.poll()).isEqualTo("chat.v1");
    }
  }

  @Test
  void mutualTlsAcceptsOnlyClientsWithATrustedCertificate() throws Exception {
    TestCerts client = TestCerts.generate(dir, "client");
    RecordingSourceContext source = new RecordingSourceContext(false);
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp(
                "tls",
                Value.obj(
                    "cert",
                    Value.of(certs.cert.toString()),
                    "key",
                    Value.of(certs.key.toString()),
                    "cafile",
                    Value.of(client.cert.toString()),
                    "client_auth",
                    Value.of("require"))));
    onramp.start(source);
    fixture.add(onramp::stop);
    String url = "wss://localhost:" + onramp.boundPort();

    RecordingSinkContext.Emitted refused =
        firstAnswer(url, "no cert", "tls", Value.obj("cafile", Value.of(certs.cert.toString())));
    assertThat(refused.port()).isEqualTo(Ports.ERR);
    assertThat(refused.event().metaField("error"))
        .isEqualTo(
            Value.of(
                "Error sending event to server "
                    + url
                    + ": TLS error: (certificate_required) Received fatal alert: certificate_required"));
    assertThat(source.opened).isEmpty();

    RecordingSinkContext identified = new RecordingSinkContext(false);
    WsOfframp withCert =
        fixture.offramp(
            identified,
            tlsOfframp(
                url,
                "tls",
                Value.obj(
                    "cafile",
                    Value.of(certs.cert.toString()),
                    "cert",
                    Value.of(client.cert.toString()),
                    "key",
                    Value.of(client.key.toString()))));
    withCert.onEvent(request("with cert"));
    source.nextOpened();
    assertThat(source.nextReceived().text()).isEqualTo("with cert\n");
  }

  @Test
  void pemFilesWithoutCertificatesFailTheStartWithAClearMessage() throws Exception {
    Path junk = java.nio.file.Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp(
                "tls",
                Value.obj("cert", Value.of(junk.toString()), "key", Value.of(junk.toString()))));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> onramp.start(new RecordingSourceContext(false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot load tls.cert " + junk + " / tls.key " + junk + ": ")
        .hasMessageEndingWith(
            " (expected PEM files: a certificate chain and an unencrypted PKCS#8 key)");
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            tlsOfframp("wss://localhost:1", "tls", Value.obj("cafile", Value.of(junk.toString()))));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> offramp.start(new RecordingSinkContext(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot set up TLS for the upstream: ")
        .hasMessageEndingWith(" (expected PEM files: certificates and an unencrypted PKCS#8 key)");
  }
}
