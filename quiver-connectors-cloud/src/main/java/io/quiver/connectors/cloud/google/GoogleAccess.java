package io.quiver.connectors.cloud.google;

import io.quiver.connectors.cloud.Endpoints;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.spi.config.Config;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * How one Google connector reaches its API: the base URL (the {@code endpoint} key, else the
 * emulator variable, else Google's), and either a service account's tokens or, for an emulator or
 * an overridden endpoint without credentials, no token at all.
 */
public final class GoogleAccess {
  private final String base;
  private final AccessTokens tokens;
  private final String projectId;

  private GoogleAccess(String base, AccessTokens tokens, String projectId) {
    this.base = base;
    this.tokens = tokens;
    this.projectId = projectId;
  }

  /**
   * Resolves the access of a connector configured with {@code config}.
   *
   * @throws IOException naming the key or variable at fault when no access can be had
   */
  public static GoogleAccess resolve(
      Config config,
      String defaultBase,
      String emulatorVariable,
      Map<String, String> env,
      HttpClient http)
      throws IOException {
    String emulator = Endpoints.emulator(env, emulatorVariable);
    boolean overridden = config.has(GoogleKeys.ENDPOINT);
    String base =
        Endpoints.trim(
            overridden
                ? config.string(GoogleKeys.ENDPOINT)
                : emulator != null ? emulator : defaultBase);
    if (!overridden && emulator != null) {
      return new GoogleAccess(base, null, null); // an emulator: no credentials, as Google's SDKs
    }
    String file = null;
    String from;
    if (config.has(GoogleKeys.CREDENTIALS)) {
      file = config.string(GoogleKeys.CREDENTIALS);
      from = "configuration key `" + GoogleKeys.CREDENTIALS + "`";
    } else {
      file = env.get(GoogleKeys.CREDENTIALS_VARIABLE);
      from = "environment variable " + GoogleKeys.CREDENTIALS_VARIABLE;
    }
    if (file == null || file.isBlank()) {
      if (overridden) {
        return new GoogleAccess(base, null, null);
      }
      throw new IOException(
          "no Google credentials: set "
              + GoogleKeys.CREDENTIALS_VARIABLE
              + " (or the configuration key `"
              + GoogleKeys.CREDENTIALS
              + "`) to a service-account JSON key file");
    }
    ServiceAccount account;
    try {
      account = ServiceAccount.load(Path.of(file));
    } catch (IOException e) {
      throw new IOException("cannot read " + file + " (" + from + "): " + e.getMessage(), e);
    }
    return new GoogleAccess(base, new AccessTokens(account, http), account.projectId());
  }

  /** The API's base URL, without a trailing slash. */
  public String base() {
    return base;
  }

  /** The service account's {@code project_id}, or null (no account, or none in its file). */
  public String projectId() {
    return projectId;
  }

  /** Whether requests carry a token. */
  public boolean authenticated() {
    return tokens != null;
  }

  /** Adds the {@code Authorization} header (when authenticated); may fetch a token. */
  public HttpRequest.Builder authorize(HttpRequest.Builder request)
      throws IOException, InterruptedException, HttpStatusException {
    if (tokens != null) {
      request.header("Authorization", tokens.authorization());
    }
    return request;
  }
}
