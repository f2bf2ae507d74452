package io.quiver.connectors.cloud.google;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * A service-account key file made for a test: a fresh RSA key, its token URI on a local server;
 * {@link #verifies} checks a JWT assertion against the key's public half.
 */
public final class FakeServiceAccount {
  public final KeyPair keys;
  public final Path file;

  public FakeServiceAccount(Path dir, String tokenUri, String projectId) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Value json =
        Value.obj(
            "type", Value.of("service_account"),
            "project_id", Value.of(projectId),
            "private_key_id", Value.of("kid-1"),
            "private_key", Value.of(pem),
            "client_email", Value.of("quiver-test@" + projectId + ".iam.gserviceaccount.com"),
            "token_uri", Value.of(tokenUri));
    Files.createDirectories(dir);
    file = dir.resolve("service-account.json");
    Files.write(file, Json.writeBytes(json));
  }

  /** Whether {@code jwt} (header.claims.signature) is signed by this account's key. */
  public boolean verifies(String jwt) throws Exception {
    int last = jwt.lastIndexOf('.');
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update(jwt.substring(0, last).getBytes(StandardCharsets.US_ASCII));
    return rsa.verify(Base64.getUrlDecoder().decode(jwt.substring(last + 1)));
  }

  /** The decoded claims of {@code jwt}. */
  public static Value claims(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    return Json.parse(Base64.getUrlDecoder().decode(parts[1]));
  }
}
