package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.FakeHttpService.Request;
import io.quiver.connectors.cloud.FakeHttpService.Response;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The part of Pub/Sub's v1 REST API the connectors use, from memory, as documented: {@code
 * topics.publish} (base64 data in, message ids out), {@code subscriptions.pull} (up to {@code
 * maxMessages}; an empty object when there are none) and {@code subscriptions.acknowledge}.
 * Requires {@code Content-Type: application/json}.
 */
final class FakePubsub implements Function<Request, Response> {
  /** Published data per topic path, decoded. */
  final List<String> published = new CopyOnWriteArrayList<>();

  /** What the subscription hands out next: data, encoded on the way out. */
  final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  final List<String> acked = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public Response apply(Request r) {
    if (!r.method().equals("POST") || !"application/json".equals(r.header("Content-Type"))) {
      return Response.json(400, "{\"error\":{\"code\":400,\"message\":\"bad request\"}}");
    }
    Value.Obj body;
    try {
      body = (Value.Obj) Json.parse(r.body());
    } catch (Exception e) {
      return Response.json(400, "{\"error\":{\"code\":400,\"message\":\"bad json\"}}");
    }
    if (r.uri().matches("/v1/projects/[^/]+/topics/[^/]+:publish")) {
      StringBuilder out = new StringBuilder();
      for (Value m : ((Value.Arr) body.get("messages")).items()) {
        String data = ((Value.Str) ((Value.Obj) m).get("data")).value();
        published.add(
            r.uri() + " " + new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
        out.append(out.isEmpty() ? "" : ",").append('"').append(ids.incrementAndGet()).append('"');
      }
      return Response.json(200, "{\"messageIds\":[" + out + "]}");
    }
    if (r.uri().matches("/v1/projects/[^/]+/subscriptions/[^/]+:pull")) {
      long max = ((Value.Int) body.get("maxMessages")).value();
      List<String> msgs = new ArrayList<>();
      String next;
      while (msgs.size() < max && (next = pending.poll()) != null) {
        long id = ids.incrementAndGet();
        msgs.add(
            "{\"ackId\":\"ack-"
                + id
                + "\",\"message\":{\"data\":\""
                + Base64.getEncoder().encodeToString(next.getBytes(StandardCharsets.UTF_8))
                + "\",\"messageId\":\""
                + id
                + "\",\"publishTime\":\"2024-01-01T00:00:00Z\"}}");
      }
      return Response.json(
          200, msgs.isEmpty() ? "{}" : "{\"receivedMessages\":[" + String.join(",", msgs) + "]}");
    }
    if (r.uri().matches("/v1/projects/[^/]+/subscriptions/[^/]+:acknowledge")) {
      for (Value a : ((Value.Arr) body.get("ackIds")).items()) {
        acked.add(((Value.Str) a).value());
      }
      return Response.json(200, "{}");
    }
    return Response.json(404, "{\"error\":{\"code\":404,\"message\":\"not found\"}}");
  }
}
