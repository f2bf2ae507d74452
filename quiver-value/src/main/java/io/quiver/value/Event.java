package io.quiver.value;

/**
 * One event flowing through Quiver.
 *
 * @param id the event's identity; replies and error events keep the id of the request
 * @param ingestNs when the data entered the system, nanoseconds since the epoch
 * @param data the payload
 * @param meta the metadata record ({@code $} in scripts); never null, an empty record when unset
 * @param stream the connection (stream) the event came from within its source, or 0; linked sources
 *     use it with {@code id.source()} to find the connection a reply belongs to
 * @param transit delivery bookkeeping (transactional, batch, operator metadata, tracked ids); never
 *     null, {@link Transit#NONE} when unset
 */
public record Event(
    EventId id, long ingestNs, Value data, Value meta, long stream, Transit transit) {

  public Event {
    if (meta == null) {
      meta = Value.EMPTY_OBJECT;
    }
    if (transit == null) {
      transit = Transit.NONE;
    }
  }

  /** An event without delivery bookkeeping ({@link Transit#NONE}). */
  public Event(EventId id, long ingestNs, Value data, Value meta, long stream) {
    this(id, ingestNs, data, meta, stream, Transit.NONE);
  }

  public Event withData(Value newData) {
    return new Event(id, ingestNs, newData, meta, stream, transit);
  }

  public Event withMeta(Value newMeta) {
    return new Event(id, ingestNs, data, newMeta, stream, transit);
  }

  public Event withTransit(Transit newTransit) {
    return new Event(id, ingestNs, data, meta, stream, newTransit);
  }

  /** Whether the sender wants to hear (ack/fail) whether this event was delivered. */
  public boolean transactional() {
    return transit.transactional();
  }

  /** Whether this is a batch made by {@code generic::batch} (data is an array of entries). */
  public boolean batch() {
    return transit.batch();
  }

  /**
   * What a sink sends for this event (Tremor's {@code value_meta_iter}): for a batch, one event per
   * entry with the entry's value and meta and this event's id, ingest time and transit (no longer
   * marked as a batch; entries that are not {@code {"data": {"value": .., "meta": ..}}} records are
   * skipped); otherwise this event.
   */
  public java.util.List<Event> elements() {
    if (!transit.batch()) {
      return java.util.List.of(this);
    }
    java.util.List<Event> out = new java.util.ArrayList<>();
    Transit entryTransit = transit.withBatch(false);
    if (data instanceof Value.Arr entries) {
      for (Value entry : entries.items()) {
        if (entry instanceof Value.Obj e
            && e.get("data") instanceof Value.Obj d
            && d.get("value") != null
            && d.get("meta") != null) {
          out.add(new Event(id, ingestNs, d.get("value"), d.get("meta"), stream, entryTransit));
        }
      }
    }
    return out;
  }

  /** The metadata field {@code key}, or {@code null} when absent or meta is not a record. */
  public Value metaField(String key) {
    return meta instanceof Value.Obj o ? o.get(key) : null;
  }
}
