package io.quiver.connectors.cloud.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.Http;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleAccessTest {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          GoogleKeys.endpoint("https://x.googleapis.com", "X_EMULATOR_HOST"),
          GoogleKeys.credentials());
  @TempDir Path tmp;

  private static Config config(Object... kv) {
    var v = SPEC.validate(Value.obj(kv));
    assertThat(v.problems()).isEmpty();
    return v.config();
  }

  @Test
  void theEmulatorVariablePointsAtItWithoutCredentials() throws IOException {
    var a =
        GoogleAccess.resolve(
            config(),
            "https://x.googleapis.com",
            "X_EMULATOR_HOST",
            Map.of(
                "X_EMULATOR_HOST",
                "127.0.0.1:8085",
                GoogleKeys.CREDENTIALS_VARIABLE,
                "/nowhere.json"),
            Http.client());
    assertThat(a.base()).isEqualTo("http://127.0.0.1:8085");
    assertThat(a.authenticated()).isFalse();
  }

  @Test
  void anOverriddenEndpointWithoutCredentialsSendsNoToken() throws IOException {
    var a =
        GoogleAccess.resolve(
            config("endpoint", Value.of("http://127.0.0.1:9/")),
            "https://x.googleapis.com",
            "X_EMULATOR_HOST",
            Map.of(),
            Http.client());
    assertThat(a.base()).isEqualTo("http://127.0.0.1:9");
    assertThat(a.authenticated()).isFalse();
  }

  @Test
  void theCredentialsVariableIsReadAsTremorReadsIt() throws Exception {
    var account = new FakeServiceAccount(tmp, "http://127.0.0.1:9/token", "proj-7");
    var a =
        GoogleAccess.resolve(
            config(),
            "https://x.googleapis.com",
            "X_EMULATOR_HOST",
            Map.of(GoogleKeys.CREDENTIALS_VARIABLE, account.file.toString()),
            Http.client());
    assertThat(a.base()).isEqualTo("https://x.googleapis.com");
    assertThat(a.authenticated()).isTrue();
    assertThat(a.projectId()).isEqualTo("proj-7");
  }

  @Test
  void noCredentialsForGoogleItselfIsRefused() {
    assertThatThrownBy(
            () ->
                GoogleAccess.resolve(
                    config(),
                    "https://x.googleapis.com",
                    "X_EMULATOR_HOST",
                    Map.of(),
                    Http.client()))
        .hasMessage(
            "no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS (or the configuration key `credentials`) to a service-account JSON key file");
  }

  @Test
  void aBrokenKeyFileNamesTheVariableAndTheField() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"client_email\":\"a@b\"}");
    assertThatThrownBy(
            () ->
                GoogleAccess.resolve(
                    config(),
                    "https://x.googleapis.com",
                    "X_EMULATOR_HOST",
                    Map.of(GoogleKeys.CREDENTIALS_VARIABLE, bad.toString()),
                    Http.client()))
        .hasMessage(
            "cannot read "
                + bad
                + " (environment variable GOOGLE_APPLICATION_CREDENTIALS): the service-account file has no `private_key`");
  }
}
