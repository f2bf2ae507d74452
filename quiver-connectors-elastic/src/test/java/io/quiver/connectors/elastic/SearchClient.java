package io.quiver.connectors.elastic;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The ITs' view of the search node over HTTP: refresh an index, read its documents back. */
final class SearchClient implements AutoCloseable {
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  SearchClient(String base) {
    this.base = base;
  }

  /** The hits of {@code index} (all of them, up to 10,000), each {@code {"_id", "_source"}}. */
  List<Value> hits(String index) throws IOException, InterruptedException {
    send("POST", index + "/_refresh", "");
    Value body = send("GET", index + "/_search?size=10000", null);
    List<Value> out = new ArrayList<>();
    if (body instanceof Value.Obj o
        && o.get("hits") instanceof Value.Obj h
        && h.get("hits") instanceof Value.Arr hits) {
      out.addAll(hits.items());
    }
    return out;
  }

  /** The {@code _source} of each hit. */
  List<Value> sources(String index) throws IOException, InterruptedException {
    List<Value> out = new ArrayList<>();
    for (Value hit : hits(index)) {
      out.add(((Value.Obj) hit).get("_source"));
    }
    return out;
  }

  /** The answer to a request; a 404 (no such index yet) is an empty record. */
  Value send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 404) {
      return Value.EMPTY_OBJECT;
    }
    try {
      return Json.parse(r.body());
    } catch (io.quiver.value.JsonException e) {
      throw new IOException(method + " " + path + ": " + r.statusCode(), e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
