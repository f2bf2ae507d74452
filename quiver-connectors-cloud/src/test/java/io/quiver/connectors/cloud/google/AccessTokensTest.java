package io.quiver.connectors.cloud.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.FakeHttpService;
import io.quiver.connectors.cloud.FakeHttpService.Response;
import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.value.Value;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
  @TempDir Path tmp;

  @Test
  void aSignedAssertionIsExchangedOnceForAToken() throws Exception {
    try (var server =
        new FakeHttpService(
            r -> Response.json(200, "{\"access_token\":\"tok-1\",\"expires_in\":3599}"))) {
      var account = new FakeServiceAccount(tmp, server.url() + "/token", "proj");
      var tokens = new AccessTokens(ServiceAccount.load(account.file), Http.client());
      assertThat(tokens.authorization()).isEqualTo("Bearer tok-1");
      assertThat(tokens.authorization()).isEqualTo("Bearer tok-1");
      assertThat(server.requests).hasSize(1);
      var r = server.requests.get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.uri()).isEqualTo("/token");
      assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
      String form = URLDecoder.decode(r.text(), StandardCharsets.UTF_8);
      assertThat(form)
          .startsWith("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=");
      String jwt = form.substring(form.indexOf("assertion=") + 10);
      assertThat(account.verifies(jwt)).isTrue();
      Value.Obj claims = (Value.Obj) FakeServiceAccount.claims(jwt);
      assertThat(claims.get("iss")).isEqualTo(Value.of("quiver-test@proj.iam.gserviceaccount.com"));
      assertThat(claims.get("aud")).isEqualTo(Value.of(server.url() + "/token"));
      assertThat(claims.get("scope")).isEqualTo(Value.of(AccessTokens.SCOPE));
      long iat = ((Value.Int) claims.get("iat")).value();
      assertThat(claims.get("exp")).isEqualTo(Value.of(iat + 3600));
    }
  }

  @Test
  void aRefusedAssertionNamesTheStatus() throws Exception {
    try (var server =
        new FakeHttpService(r -> Response.json(400, "{\"error\":\"invalid_grant\"}"))) {
      var account = new FakeServiceAccount(tmp, server.url() + "/token", "proj");
      var tokens = new AccessTokens(ServiceAccount.load(account.file), Http.client());
      assertThatThrownBy(tokens::authorization)
          .isInstanceOf(HttpStatusException.class)
          .hasMessage("cannot get a Google access token: HTTP 400: {\"error\":\"invalid_grant\"}");
    }
  }
}
