package io.quiver.connectors.cloud.discord;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Discord's REST API as the replies use it: {@code Authorization: Bot TOKEN}, JSON bodies, a {@code
 * DiscordBot} user agent; a 429 is waited out once ({@code retry_after} seconds, at most {@link
 * #MAX_RETRY_AFTER_MS} ms) and retried. Blocking; run on the replies' worker thread.
 */
final class DiscordRest {
  static final String USER_AGENT = "DiscordBot (quiver, 0.1.0)";
  static final long MAX_RETRY_AFTER_MS = 10_000;

  private final HttpClient http;
  private final String api;
  private final String token;

  DiscordRest(HttpClient http, String api, String token) {
    this.http = http;
    this.api = api;
    this.token = token;
  }

  /** {@code method path} with {@code body} (null: none); the answer's JSON (null when empty). */
  Value call(String method, String path, Value body)
      throws IOException, InterruptedException, HttpStatusException {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() == 429) {
      Thread.sleep(retryAfterMs(response.body()));
      response = send(method, path, body);
    }
    Http.ok(method + " " + path, response);
    if (response.body().isEmpty()) {
      return Value.NULL;
    }
    try {
      return Json.parse(response.body());
    } catch (JsonException e) {
      return Value.NULL;
    }
  }

  private HttpResponse<String> send(String method, String path, Value body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Http.REQUEST_TIMEOUT)
            .header("Authorization", "Bot " + token)
            .header("User-Agent", USER_AGENT);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static long retryAfterMs(String body) {
    try {
      if (Json.parse(body) instanceof Value.Obj o) {
        double s =
            switch (o.get("retry_after")) {
              case Value.Float f -> f.value();
              case Value.Int i -> i.value();
              case null, default -> 1;
            };
        return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, (long) (s * 1000)));
      }
    } catch (JsonException e) {
      // fall through
    }
    return 1000;
  }
}
