package io.quiver.connectors.cloud.google;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A service-account key file (the JSON the Cloud console downloads): who signs ({@code
 * client_email}), with which key ({@code private_key}, PKCS#8 PEM; {@code private_key_id}), where
 * tokens come from ({@code token_uri}) and the project ({@code project_id}).
 */
public record ServiceAccount(
    String clientEmail, PrivateKey privateKey, String keyId, String tokenUri, String projectId) {
  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  /** Reads {@code file}; the exception says which field is missing or bad. */
  public static ServiceAccount load(Path file) throws IOException {
    Value json;
    try {
      json = Json.parse(Files.readAllBytes(file));
    } catch (JsonException e) {
      throw new IOException("not a service-account JSON file: " + e.getMessage(), e);
    }
    if (!(json instanceof Value.Obj o)) {
      throw new IOException("not a service-account JSON file: not a JSON object");
    }
    String email = field(o, "client_email", true);
    String pem = field(o, "private_key", true);
    String tokenUri = field(o, "token_uri", false);
    return new ServiceAccount(
        email,
        privateKey(pem),
        field(o, "private_key_id", false),
        tokenUri == null ? DEFAULT_TOKEN_URI : tokenUri,
        field(o, "project_id", false));
  }

  private static String field(Value.Obj o, String name, boolean required) throws IOException {
    if (o.get(name) instanceof Value.Str s && !s.value().isEmpty()) {
      return s.value();
    }
    if (required) {
      throw new IOException("the service-account file has no `" + name + "`");
    }
    return null;
  }

  static PrivateKey privateKey(String pem) throws IOException {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the service-account file's `private_key` is not an RSA PKCS#8 key", e);
    }
  }
}
