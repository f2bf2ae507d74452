package io.quiver.connectors.cloud;

import io.quiver.spi.EpochClock;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.LinkedHashMap;

/**
 * The events a cloud offramp sends back, each with the request's id and stream (so a linked onramp
 * finds its client): a reply on {@code out} with meta {@code {"correlation": c}} (when the request
 * had one), and an error on {@code err}: data {@code {"error": text, "event_id": id}}, meta {@code
 * {"error": text, "correlation": c}}.
 */
public final class Answers {
  private Answers() {}

  public static Event reply(Event request, Value data) {
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    addCorrelation(request, meta);
    return new Event(request.id(), EpochClock.nowNs(), data, Value.obj(meta), request.stream());
  }

  public static Event error(Event request, String message) {
    Value data =
        Value.obj("error", Value.of(message), "event_id", Value.of(request.id().toString()));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("error", Value.of(message));
    addCorrelation(request, meta);
    return new Event(request.id(), EpochClock.nowNs(), data, Value.obj(meta), request.stream());
  }

  private static void addCorrelation(Event request, LinkedHashMap<String, Value> meta) {
    Value correlation = request.metaField("correlation");
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
  }
}
