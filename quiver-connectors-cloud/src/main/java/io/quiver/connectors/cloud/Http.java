package io.quiver.connectors.cloud;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK HTTP client as the cloud connectors use it, and the status check of every call. */
public final class Http {
  /** How long a connect may take before the service counts as unreachable. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long a request may take in all (Pub/Sub pulls wait less: the service holds them ~90s). */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private Http() {}

  /** A client for one connector instance: HTTP/1.1 (no h2c upgrade against plain emulators). */
  public static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** {@code response} when its status is a success (2xx), else an exception naming {@code what}. */
  public static <T> HttpResponse<T> ok(String what, HttpResponse<T> response)
      throws HttpStatusException {
    int s = response.statusCode();
    if (s >= 200 && s < 300) {
      return response;
    }
    Object body = response.body();
    String text =
        body instanceof byte[] b
            ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
            : String.valueOf(body);
    throw new HttpStatusException(what, s, text);
  }
}
