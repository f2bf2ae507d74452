package io.quiver.connectors.cloud.gcs;

import io.quiver.connectors.cloud.FakeHttpService.Request;
import io.quiver.connectors.cloud.FakeHttpService.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The part of the Cloud Storage JSON API the gcs offramp uses, answered from memory as the API
 * documents it (media upload, object metadata and media download, listing, deletes), plus the OAuth
 * token endpoint; every storage call must carry {@code Authorization: Bearer tok-1}.
 */
final class FakeStorage implements Function<Request, Response> {
  final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  @Override
  public Response apply(Request r) {
    String uri = r.uri();
    if (uri.equals("/token")) {
      return Response.json(200, "{\"access_token\":\"tok-1\",\"expires_in\":3600}");
    }
    if (!"Bearer tok-1".equals(r.header("Authorization"))) {
      return Response.json(401, "{\"error\":{\"code\":401}}");
    }
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
    if (r.method().equals("POST")
        && path.matches("/upload/storage/v1/b/[^/]+/o")
        && query.startsWith("uploadType=media&name=")) {
      String bucket = path.split("/")[5];
      String name = decode(query.substring("uploadType=media&name=".length()));
      objects.put(bucket + "/" + name, r.body());
      return Response.json(200, resource(bucket, name));
    }
    if (path.matches("/storage/v1/b/[^/]+/o/[^/]+")) {
      String[] p = path.split("/");
      String bucket = p[4];
      String name = decode(p[6]);
      byte[] content = objects.get(bucket + "/" + name);
      if (content == null) {
        return Response.json(404, "{\"error\":{\"code\":404,\"message\":\"No such object\"}}");
      }
      if (r.method().equals("DELETE")) {
        objects.remove(bucket + "/" + name);
        return new Response(204, null, new byte[0]);
      }
      return query.equals("alt=media")
          ? new Response(200, "application/octet-stream", content)
          : Response.json(200, resource(bucket, name));
    }
    if (r.method().equals("GET") && path.matches("/storage/v1/b/[^/]+/o")) {
      String bucket = path.split("/")[4];
      StringBuilder items = new StringBuilder();
      objects.keySet().stream()
          .filter(k -> k.startsWith(bucket + "/"))
          .sorted()
          .forEach(
              k ->
                  items
                      .append(items.isEmpty() ? "" : ",")
                      .append(resource(bucket, k.substring(bucket.length() + 1))));
      return Response.json(200, "{\"kind\":\"storage#objects\",\"items\":[" + items + "]}");
    }
    return Response.json(
        400,
        "{\"error\":{\"code\":400,\"message\":\"unexpected " + r.method() + " " + uri + "\"}}");
  }

  private static String resource(String bucket, String name) {
    return "{\"kind\":\"storage#object\",\"bucket\":\"" + bucket + "\",\"name\":\"" + name + "\"}";
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
