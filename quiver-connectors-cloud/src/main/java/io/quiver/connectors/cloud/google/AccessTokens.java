package io.quiver.connectors.cloud.google;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * OAuth 2.0 access tokens for a {@link ServiceAccount} (Google's "JWT bearer" flow): a JWT signed
 * with the account's key (RS256; {@code iss} the account, {@code scope} cloud-platform, {@code aud}
 * the token URI, valid an hour) is exchanged at the token URI for a bearer token, which is reused
 * until a minute before it expires. Blocking; thread-safe.
 */
public final class AccessTokens {
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  static final long LIFETIME_S = 3600;
  private static final long REFRESH_EARLY_S = 60;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final ServiceAccount account;
  private final HttpClient http;
  private String token;
  private long expiresAtS;

  public AccessTokens(ServiceAccount account, HttpClient http) {
    this.account = account;
    this.http = http;
  }

  /** {@code Bearer TOKEN}, fetched anew when there is none or it is about to expire. */
  public synchronized String authorization()
      throws IOException, InterruptedException, HttpStatusException {
    long now = System.currentTimeMillis() / 1000;
    if (token == null || now >= expiresAtS - REFRESH_EARLY_S) {
      fetch(now);
    }
    return "Bearer " + token;
  }

  private void fetch(long now) throws IOException, InterruptedException, HttpStatusException {
    String form =
        "grant_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&assertion="
            + assertion(now);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(account.tokenUri()))
            .timeout(Http.REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response =
        Http.ok(
            "cannot get a Google access token",
            http.send(request, HttpResponse.BodyHandlers.ofString()));
    try {
      Value v = Json.parse(response.body());
      if (v instanceof Value.Obj o && o.get("access_token") instanceof Value.Str t) {
        token = t.value();
        expiresAtS = now + (o.get("expires_in") instanceof Value.Int e ? e.value() : LIFETIME_S);
        return;
      }
    } catch (JsonException e) {
      // reported below
    }
    throw new IOException("the token endpoint answered without an access_token");
  }

  /** The signed JWT asserting the account, issued at {@code now} (seconds). */
  String assertion(long now) throws IOException {
    Value header =
        account.keyId() == null
            ? Value.obj("alg", Value.of("RS256"), "typ", Value.of("JWT"))
            : Value.obj(
                "alg", Value.of("RS256"), "typ", Value.of("JWT"), "kid", Value.of(account.keyId()));
    Value claims =
        Value.obj(
            "iss", Value.of(account.clientEmail()),
            "scope", Value.of(SCOPE),
            "aud", Value.of(account.tokenUri()),
            "iat", Value.of(now),
            "exp", Value.of(now + LIFETIME_S));
    String signingInput =
        B64.encodeToString(Json.writeBytes(header))
            + "."
            + B64.encodeToString(Json.writeBytes(claims));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(account.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign the token request: " + e.getMessage(), e);
    }
  }
}
