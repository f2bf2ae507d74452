package io.quiver.spi;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;

/**
 * A contraflow message (Tremor's insight): travels backwards, from a sink through the pipelines
 * that fed it to the sources, telling them that an event was delivered or failed, or that the
 * sink's circuit breaker broke or was restored.
 *
 * @param kind what happened
 * @param id the event the insight is about (for {@code ACK}/{@code FAIL}); {@code 0:0:0} for
 *     circuit changes
 * @param ingestNs the event's ingest time for acks/fails (backpressure measures its backoff from
 *     it); the time of the change for circuit insights
 * @param transit the event's transit: the operator metadata and tracked ids operators and sources
 *     use to recognise their events
 * @param meta extra facts, e.g. {@code {"time": <ms>}} (how long delivery took) or {@code {"error":
 *     "..."}}; an empty record when there are none
 */
public record Insight(Kind kind, EventId id, long ingestNs, Transit transit, Value meta) {

  /** The kinds of insight, with Tremor's {@code CbAction} names in brackets. */
  public enum Kind {
    /** The event was delivered ({@code Ack}). */
    ACK,
    /** The event could not be delivered ({@code Fail}). */
    FAIL,
    /** The circuit breaker broke: stop sending, sources pause ({@code Close}, "trigger"). */
    CIRCUIT_BROKEN,
    /** The circuit breaker was restored: send again, sources resume ({@code Open}, "restore"). */
    CIRCUIT_RESTORED,
    /** An operator consumed the insight; it goes no further ({@code None}). */
    NONE
  }

  private static final EventId NO_ID = new EventId(0, 0, 0);

  public Insight {
    if (transit == null) {
      transit = Transit.NONE;
    }
    if (meta == null) {
      meta = Value.EMPTY_OBJECT;
    }
  }

  /** The event was delivered. */
  public static Insight ack(Event event) {
    return new Insight(Kind.ACK, event.id(), event.ingestNs(), event.transit(), Value.EMPTY_OBJECT);
  }

  /** The event was delivered; {@code timeMs} is how long that took (backpressure compares it). */
  public static Insight ack(Event event, double timeMs) {
    return new Insight(
        Kind.ACK,
        event.id(),
        event.ingestNs(),
        event.transit(),
        Value.obj("time", Value.of(timeMs)));
  }

  /** The event could not be delivered. */
  public static Insight fail(Event event) {
    return new Insight(
        Kind.FAIL, event.id(), event.ingestNs(), event.transit(), Value.EMPTY_OBJECT);
  }

  /** The circuit breaker broke at {@code nowNs}: senders should stop. */
  public static Insight circuitBroken(long nowNs) {
    return new Insight(Kind.CIRCUIT_BROKEN, NO_ID, nowNs, Transit.NONE, Value.EMPTY_OBJECT);
  }

  /** The circuit breaker was restored at {@code nowNs}: senders may send again. */
  public static Insight circuitRestored(long nowNs) {
    return new Insight(Kind.CIRCUIT_RESTORED, NO_ID, nowNs, Transit.NONE, Value.EMPTY_OBJECT);
  }

  public Insight withKind(Kind newKind) {
    return newKind == kind ? this : new Insight(newKind, id, ingestNs, transit, meta);
  }

  public Insight withId(EventId newId, Transit newTransit) {
    return new Insight(kind, newId, ingestNs, newTransit, meta);
  }

  /** Acks and fails (delivery guarantees) as opposed to circuit changes. */
  public boolean isDelivery() {
    return kind == Kind.ACK || kind == Kind.FAIL;
  }

  /** Circuit breaker changes. */
  public boolean isCircuit() {
    return kind == Kind.CIRCUIT_BROKEN || kind == Kind.CIRCUIT_RESTORED;
  }
}
