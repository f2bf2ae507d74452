package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.testkit.TestCerts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTlsTest {
  @TempDir Path tmp;

  @Test
  void buildsAContextFromARootAndAClientCertificate() throws Exception {
    TestCerts certs = TestCerts.generate(tmp, "client");
    SSLContext context =
        PemTls.context(certs.cert.toString(), certs.cert.toString(), certs.key.toString());
    assertThat(context.getProtocol()).isEqualTo("TLS");
    assertThat(context.createSSLEngine().getSupportedCipherSuites()).isNotEmpty();
  }

  @Test
  void aKeyThatIsNotPkcs8IsRefusedNamingTheFile() throws Exception {
    TestCerts certs = TestCerts.generate(tmp, "client");
    Path bad = Files.writeString(tmp.resolve("bad.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n");
    assertThatThrownBy(() -> PemTls.context(null, certs.cert.toString(), bad.toString()))
        .isInstanceOf(IOException.class)
        .hasMessage(bad + ": expected a PKCS#8 PEM key (BEGIN PRIVATE KEY)");
  }

  @Test
  void aFileWithoutCertificatesIsRefusedNamingIt() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    assertThatThrownBy(() -> PemTls.context(empty.toString(), null, null))
        .isInstanceOf(IOException.class)
        .hasMessage(empty + ": no PEM certificate found");
  }
}
