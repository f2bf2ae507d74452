package io.quiver.connectors.cloud.gcs;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.connectors.cloud.google.GoogleAccess;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The Cloud Storage JSON API calls Tremor's gcs offramp makes, against {@code base} ({@code
 * https://storage.googleapis.com} or an override): metadata under {@code /storage/v1}, media
 * uploads under {@code /upload/storage/v1}. Bucket and object names are percent-encoded as path
 * segments (an object name may contain {@code /}). Blocking; one caller at a time.
 */
final class GcsApi {
  private final HttpClient http;
  private final GoogleAccess access;

  GcsApi(HttpClient http, GoogleAccess access) {
    this.http = http;
    this.access = access;
  }

  Value getObject(String bucket, String object) throws Exception {
    return json(get(meta("/b/" + seg(bucket) + "/o/" + seg(object))));
  }

  Value listBuckets(String project) throws Exception {
    return json(get(meta("/b?project=" + query(project))));
  }

  Value listObjects(String bucket) throws Exception {
    return json(get(meta("/b/" + seg(bucket) + "/o")));
  }

  byte[] download(String bucket, String object) throws Exception {
    return send(
        "download_object",
        request(meta("/b/" + seg(bucket) + "/o/" + seg(object) + "?alt=media")).GET());
  }

  Value upload(String bucket, String object, byte[] content, String contentType) throws Exception {
    URI uri =
        URI.create(
            access.base()
                + "/upload/storage/v1/b/"
                + seg(bucket)
                + "/o?uploadType=media&name="
                + query(object));
    return json(
        send(
            "upload_object",
            request(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))));
  }

  Value deleteObject(String bucket, String object) throws Exception {
    return json(
        send("remove_object", request(meta("/b/" + seg(bucket) + "/o/" + seg(object))).DELETE()));
  }

  Value createBucket(String project, String bucket) throws Exception {
    byte[] body = Json.writeBytes(Value.obj("name", Value.of(bucket)));
    return json(
        send(
            "create_bucket",
            request(meta("/b?project=" + query(project)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  Value deleteBucket(String bucket) throws Exception {
    return json(send("remove_bucket", request(meta("/b/" + seg(bucket))).DELETE()));
  }

  private URI meta(String pathAndQuery) {
    return URI.create(access.base() + "/storage/v1" + pathAndQuery);
  }

  private byte[] get(URI uri) throws Exception {
    return send("GET " + uri.getRawPath(), request(uri).GET());
  }

  private HttpRequest.Builder request(URI uri)
      throws IOException, InterruptedException, HttpStatusException {
    return access.authorize(HttpRequest.newBuilder(uri).timeout(Http.REQUEST_TIMEOUT));
  }

  private byte[] send(String what, HttpRequest.Builder request)
      throws IOException, InterruptedException, HttpStatusException {
    return Http.ok(
            "Google Cloud Storage " + what + " failed",
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
        .body();
  }

  /** The JSON of an answer; an empty body (a delete's 204) is null. */
  private static Value json(byte[] body) {
    if (body.length == 0) {
      return Value.NULL;
    }
    try {
      return Json.parse(body);
    } catch (JsonException e) {
      throw new IllegalStateException(
          "Google Cloud Storage answered with invalid JSON: " + e.getMessage(), e);
    }
  }

  /** {@code s} as one path segment: everything but RFC 3986's unreserved characters escaped. */
  static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
