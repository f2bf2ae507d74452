package io.quiver.connectors.cloud.google;

import io.quiver.connectors.cloud.Endpoints;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/** The config keys the Google connectors add to Tremor's (Quiver extensions, all optional). */
public final class GoogleKeys {
  public static final String ENDPOINT = "endpoint";
  public static final String CREDENTIALS = "credentials";
  public static final String CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";

  private GoogleKeys() {}

  /** {@code endpoint}: the API's base URL, default {@code defaultUrl}. */
  public static ConfigKey endpoint(String defaultUrl, String emulatorVariable) {
    return new ConfigKey(
        ENDPOINT,
        ConfigType.STRING,
        false,
        null,
        v -> v instanceof Value.Str s ? Endpoints.problem(s.value()) : null,
        "Quiver: the API's base URL (default "
            + defaultUrl
            + "; `"
            + emulatorVariable
            + "=HOST:PORT` in the environment points it at an emulator and turns authentication"
            + " off, as Google's client libraries do).");
  }

  /** {@code credentials}: the service-account key file. */
  public static ConfigKey credentials() {
    return new ConfigKey(
        CREDENTIALS,
        ConfigType.STRING,
        false,
        null,
        Check.readableFile(),
        "Quiver: the service-account JSON key file (default: the file `"
            + CREDENTIALS_VARIABLE
            + "` names, as Tremor reads it). Without either, only an overridden `endpoint` or an"
            + " emulator is accepted, and requests carry no token.");
  }
}
