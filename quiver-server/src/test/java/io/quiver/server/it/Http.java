package io.quiver.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The requests of the HTTP recipes' README transcripts, sent as curl sends them (HTTP/1.1, curl's
 * content type for {@code -d}), with the JDK's client.
 */
final class Http {
  /** What {@code curl -d} sends as the content type when none is given. */
  static final String CURL_FORM = "application/x-www-form-urlencoded";

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(WITHIN)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Http() {}

  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return send(request(port, path).GET().build());
  }

  /** A request with a body; {@code contentType} null sends none. */
  static HttpResponse<String> send(
      String method, int port, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        request(port, path).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  static HttpResponse<String> post(int port, String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send("POST", port, path, contentType, body);
  }

  /** The status of a GET, or -1 when it fails on the way (for waits). */
  static int status(int port, String path) {
    try {
      return get(port, path).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The values of a response header, a header sent once with comma-separated values and a header
   * sent once per value alike.
   */
  static List<String> values(HttpResponse<?> response, String name) {
    return response.headers().allValues(name).stream()
        .flatMap(v -> Stream.of(v.split(",")))
        .map(String::strip)
        .toList();
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(WITHIN);
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
