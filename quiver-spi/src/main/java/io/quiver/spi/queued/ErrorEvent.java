package io.quiver.spi.queued;

import io.quiver.value.Event;
import io.quiver.value.Value;

/**
 * Tremor's error event for a request that could not be sent: data {@code {"error": message,
 * "event_id": "u:s:e"}}, meta {@code {"error": message}}, with the request's id, ingest time and
 * stream (so a linked onramp finds the client that asked).
 */
public final class ErrorEvent {
  private ErrorEvent() {}

  public static Event of(Event request, String message) {
    Value text = Value.of(message);
    Value data = Value.obj("error", text, "event_id", Value.of(request.id().toString()));
    return new Event(
        request.id(), request.ingestNs(), data, Value.obj("error", text), request.stream());
  }
}
