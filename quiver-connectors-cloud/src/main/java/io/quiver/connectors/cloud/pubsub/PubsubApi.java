package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.Http;
import io.quiver.connectors.cloud.HttpStatusException;
import io.quiver.connectors.cloud.google.GoogleAccess;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Pub/Sub v1 REST calls the connectors make, against {@code base} ({@code
 * https://pubsub.googleapis.com} or an emulator): {@code POST /v1/projects/P/topics/T:publish},
 * {@code POST /v1/projects/P/subscriptions/S:pull} and {@code :acknowledge}; message data travels
 * base64-encoded in JSON. Blocking; thread-safe.
 */
final class PubsubApi {
  static final String DEFAULT_BASE = "https://pubsub.googleapis.com";
  static final String EMULATOR_VARIABLE = "PUBSUB_EMULATOR_HOST";

  /** At most this many messages per pull, as Tremor. */
  static final int MAX_MESSAGES = 50;

  /** A pull may wait this long for messages before the service answers (it holds it ~90 s). */
  static final Duration PULL_TIMEOUT = Duration.ofSeconds(100);

  /** A message taken from a subscription. */
  record Received(String ackId, String messageId, byte[] data) {}

  private final HttpClient http;
  private final GoogleAccess access;

  PubsubApi(HttpClient http, GoogleAccess access) {
    this.http = http;
    this.access = access;
  }

  /** Publishes one message and returns its id. */
  String publish(String project, String topic, byte[] data) throws Exception {
    Value body =
        Value.obj(
            "messages",
            Value.array(Value.obj("data", Value.of(Base64.getEncoder().encodeToString(data)))));
    Value answer =
        post(
            "/v1/projects/" + project + "/topics/" + topic + ":publish",
            body,
            Http.REQUEST_TIMEOUT);
    if (answer instanceof Value.Obj o
        && o.get("messageIds") instanceof Value.Arr ids
        && !ids.items().isEmpty()
        && ids.get(0) instanceof Value.Str id) {
      return id.value();
    }
    throw new IllegalStateException("Failed to get message id");
  }

  /** Pulls up to {@link #MAX_MESSAGES} messages (none when the service returns none). */
  List<Received> pull(String project, String subscription) throws Exception {
    Value answer =
        post(
            subscriptionPath(project, subscription) + ":pull",
            Value.obj("maxMessages", Value.of(MAX_MESSAGES)),
            PULL_TIMEOUT);
    List<Received> out = new ArrayList<>();
    if (answer instanceof Value.Obj o && o.get("receivedMessages") instanceof Value.Arr msgs) {
      for (Value m : msgs.items()) {
        if (m instanceof Value.Obj r
            && r.get("ackId") instanceof Value.Str ack
            && r.get("message") instanceof Value.Obj msg) {
          String id = msg.get("messageId") instanceof Value.Str s ? s.value() : "";
          byte[] data =
              msg.get("data") instanceof Value.Str d
                  ? Base64.getDecoder().decode(d.value())
                  : new byte[0];
          out.add(new Received(ack.value(), id, data));
        }
      }
    }
    return out;
  }

  void acknowledge(String project, String subscription, List<String> ackIds) throws Exception {
    List<Value> ids = new ArrayList<>(ackIds.size());
    ackIds.forEach(a -> ids.add(Value.of(a)));
    post(
        subscriptionPath(project, subscription) + ":acknowledge",
        Value.obj("ackIds", Value.array(ids)),
        Http.REQUEST_TIMEOUT);
  }

  private static String subscriptionPath(String project, String subscription) {
    return "/v1/projects/" + project + "/subscriptions/" + subscription;
  }

  private Value post(String path, Value body, Duration timeout)
      throws IOException, InterruptedException, HttpStatusException {
    HttpRequest.Builder request =
        access
            .authorize(HttpRequest.newBuilder(URI.create(access.base() + path)).timeout(timeout))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
    HttpResponse<byte[]> response =
        Http.ok(
            "Google Cloud PubSub " + path.substring(path.lastIndexOf(':') + 1) + " failed",
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    if (response.body().length == 0) {
      return Value.EMPTY_OBJECT;
    }
    try {
      return Json.parse(response.body());
    } catch (JsonException e) {
      throw new IllegalStateException(
          "Google Cloud PubSub answered with invalid JSON: " + e.getMessage(), e);
    }
  }
}
