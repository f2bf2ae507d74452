package io.quiver.connectors.nats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM files, with the JDK alone: a CA to trust (else the JDK's default
 * trust) and an optional client certificate with its PKCS#8 key (RSA or EC).
 */
final class PemTls {
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  static SSLContext context(String rootCert, String certPath, String keyPath) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (rootCert == null) {
      trust.init((KeyStore) null);
    } else {
      KeyStore roots = emptyStore();
      int n = 0;
      for (Certificate c : certificates(rootCert)) {
        roots.setCertificateEntry("root-" + n++, c);
      }
      trust.init(roots);
    }
    KeyManagerFactory keys = null;
    if (certPath != null && keyPath != null) {
      KeyStore store = emptyStore();
      store.setKeyEntry(
          "client",
          privateKey(keyPath),
          NO_PASSWORD,
          certificates(certPath).toArray(Certificate[]::new));
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore emptyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static List<Certificate> certificates(String path) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      List<Certificate> list =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (list.isEmpty()) {
        throw new IOException(path + ": no PEM certificate found");
      }
      return list;
    }
  }

  private static PrivateKey privateKey(String path) throws Exception {
    String pem = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IOException(path + ": expected a PKCS#8 PEM key (BEGIN PRIVATE KEY)");
    }
    String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end);
    byte[] der = Base64.getMimeDecoder().decode(body);
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (java.security.spec.InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new IOException(path + ": unsupported private key algorithm");
  }
}
