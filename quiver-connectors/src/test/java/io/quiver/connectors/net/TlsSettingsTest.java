package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.ClientAuth;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tls} records of both sides: their fields, cross checks and contexts. The handshakes
 * themselves run on real sockets in the ws integration tests (WsTlsIT).
 */
class TlsSettingsTest {
  @TempDir Path dir;

  @Test
  void serverSettingsFromARecordWithDefaults() throws Exception {
    Path pem = Files.writeString(dir.resolve("x.pem"), "not read here");
    ServerTlsSettings s =
        ServerTlsSettings.from(
            Value.obj("cert", Value.of(pem.toString()), "key", Value.of(pem.toString())));
    assertThat(s)
        .isEqualTo(new ServerTlsSettings(pem.toString(), pem.toString(), null, ClientAuth.NONE));
  }

  @Test
  void clientAuthNeedsACaFileAndTheProblemNamesTheFieldsByTheirPath() throws Exception {
    Path pem = Files.writeString(dir.resolve("x.pem"), "x");
    var v =
        ServerTlsSettings.CONFIG.validate(
            Value.obj(
                "cert",
                Value.of(pem.toString()),
                "key",
                Value.of(pem.toString()),
                "client_auth",
                Value.of("require")));
    assertThat(v.problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "client_auth require needs cafile (the CAs to verify client certificates with)");
  }

  @Test
  void serverContextFromFilesThatAreNotPemFailsClearly() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "junk");
    ServerTlsSettings s =
        new ServerTlsSettings(junk.toString(), junk.toString(), null, ClientAuth.NONE);
    assertThatThrownBy(s::context)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot load tls.cert " + junk + " / tls.key " + junk + ": ")
        .hasMessageEndingWith(
            " (expected PEM files: a certificate chain and an unencrypted PKCS#8 key)");
  }

  @Test
  void clientCertAndKeyGoTogether() throws Exception {
    Path pem = Files.writeString(dir.resolve("c.pem"), "x");
    assertThat(
            ClientTlsSettings.CONFIG
                .validate(Value.obj("cert", Value.of(pem.toString())))
                .problems())
        .extracting(ConfigProblem::message)
        .containsExactly("cert and key must be given together");
    assertThat(ClientTlsSettings.from(Value.EMPTY_OBJECT)).isEqualTo(ClientTlsSettings.SYSTEM);
  }

  @Test
  void theClientContextIsBuiltOnceOnFirstUse() {
    ClientTlsContext tls =
        new ClientTlsContext(new ClientTlsSettings(null, null, null, null, true), "test");
    assertThat(tls.context()).isNotNull().isSameAs(tls.context());
    assertThat(tls.context().isClient()).isTrue();
    assertThat(new ClientTlsContext(ClientTlsSettings.SYSTEM, "test").context().isClient())
        .isTrue();
  }
}
