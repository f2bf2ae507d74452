package io.quiver.connectors.elastic;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster as the offramp sees it: bulk requests over the JDK's HTTP/1.1 client (keep-alive
 * connections, non-blocking), round robin over {@code nodes}; a node that cannot be reached is
 * skipped for the next one within the same request. Whether the cluster still has mapping types is
 * learned from {@code GET /} before the first request (OpenSearch and Elasticsearch 8 refuse a
 * {@code _type}); a cluster that could not be asked is asked again before the next request.
 */
final class ElasticClient {
  /** How long connecting to a node may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** What one bulk request came to. */
  sealed interface Outcome permits Answered, Failed {}

  /** The node answered 2xx: one item per document, in request order. */
  record Answered(List<BulkItem> items, double timeMs) implements Outcome {}

  /**
   * The request failed as a whole.
   *
   * @param nodeAway no node could be reached (or the cluster said it is unavailable): the circuit
   *     breaks
   */
  record Failed(String error, boolean nodeAway) implements Outcome {}

  private final List<URI> nodes;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final AtomicInteger next = new AtomicInteger();
  private volatile Boolean withTypes;

  ElasticClient(List<URI> nodes, Duration requestTimeout, Executor executor) {
    this.nodes = List.copyOf(nodes);
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(executor)
            .build();
  }

  /** Sends one bulk request for {@code actions}; never completes exceptionally. */
  CompletableFuture<Outcome> bulk(List<BulkAction> actions) {
    long start = System.nanoTime();
    int first = Math.floorMod(next.getAndIncrement(), nodes.size());
    return attempt(first, 0, actions, start);
  }

  private CompletableFuture<Outcome> attempt(
      int node, int tried, List<BulkAction> actions, long start) {
    URI base = nodes.get((node + tried) % nodes.size());
    return types(base)
        .thenCompose(
            types -> {
              HttpRequest request =
                  HttpRequest.newBuilder(base.resolve("_bulk"))
                      .timeout(requestTimeout)
                      .header("Content-Type", "application/x-ndjson")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(BulkBody.of(actions, types)))
                      .build();
              return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            })
        .<Outcome>thenApply(response -> answered(base, response, start))
        .exceptionallyCompose(
            error -> {
              Throwable cause = unwrap(error);
              if (notConnected(cause) && tried + 1 < nodes.size()) {
                return attempt(node, tried + 1, actions, start);
              }
              return CompletableFuture.completedFuture(
                  new Failed(describe(base, cause), unreachable(cause)));
            });
  }

  private static Outcome answered(URI base, HttpResponse<byte[]> response, long start) {
    double timeMs = (System.nanoTime() - start) / 1e6;
    int status = response.statusCode();
    if (status / 100 != 2) {
      return new Failed(
          "Error sending bulk request to " + base + ": " + status + " " + reason(response.body()),
          status == 503 || status == 502 || status == 504);
    }
    try {
      return new Answered(BulkItem.parse(response.body()), timeMs);
    } catch (JsonException e) {
      return new Failed("Invalid bulk response from " + base + ": " + e.getMessage(), false);
    }
  }

  /**
   * Whether requests name {@code _type}: asks the cluster ({@code GET /}) once, when it answers.
   */
  private CompletableFuture<Boolean> types(URI base) {
    Boolean known = withTypes;
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return info(base)
        .thenApply(
            info -> {
              boolean types = hasTypes(info);
              withTypes = types;
              return types;
            });
  }

  /** {@code GET /} of a node: its name, cluster and version; fails when it is not reachable. */
  CompletableFuture<Value> info(URI base) {
    HttpRequest request = HttpRequest.newBuilder(base).timeout(CONNECT_TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new CompletionException(
                    new IOException(
                        base
                            + " answered "
                            + response.statusCode()
                            + " "
                            + reason(response.body())));
              }
              try {
                return Json.parse(response.body());
              } catch (JsonException e) {
                throw new CompletionException(
                    new IOException(base + " did not answer with JSON: " + e.getMessage()));
              }
            });
  }

  /** Asks every node in turn until one answers; completes with whether one did. */
  CompletableFuture<Boolean> ping() {
    CompletableFuture<Boolean> result = CompletableFuture.completedFuture(false);
    for (URI node : nodes) {
      result =
          result.thenCompose(up -> up ? CompletableFuture.completedFuture(true) : reachable(node));
    }
    return result;
  }

  private CompletableFuture<Boolean> reachable(URI node) {
    return info(node).handle((info, error) -> error == null);
  }

  /**
   * Elasticsearch before 8 takes {@code _type}; OpenSearch and Elasticsearch 8 and later refuse it.
   */
  static boolean hasTypes(Value info) {
    Value version = info instanceof Value.Obj o ? o.get("version") : null;
    if (!(version instanceof Value.Obj v)) {
      return true;
    }
    if (v.get("distribution") instanceof Value.Str d && d.value().equals("opensearch")) {
      return false;
    }
    if (v.get("number") instanceof Value.Str n) {
      String major = n.value().split("\\.", 2)[0];
      try {
        return Integer.parseInt(major) < 8;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return true;
  }

  /** The {@code error.reason} of an error response, else its start. */
  static String reason(byte[] body) {
    try {
      Value v = Json.parse(body);
      if (v instanceof Value.Obj o
          && o.get("error") instanceof Value.Obj e
          && e.get("reason") instanceof Value.Str r) {
        return r.value();
      }
    } catch (JsonException e) {
      // not JSON: its text
    }
    String text =
        new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    return text.strip();
  }

  /** The node was not reached or did not answer: the cluster may be away. */
  static boolean unreachable(Throwable cause) {
    return cause instanceof IOException;
  }

  /** Nothing was sent: the next node may take the request without writing anything twice. */
  static boolean notConnected(Throwable cause) {
    return cause instanceof java.net.ConnectException
        || cause instanceof java.net.http.HttpConnectTimeoutException;
  }

  private static String describe(URI base, Throwable cause) {
    String message = cause.getMessage();
    return "Error sending bulk request to "
        + base
        + ": "
        + (message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Stops taking requests; connections close when the executor ends. */
  void close() {
    http.shutdownNow();
  }
}
