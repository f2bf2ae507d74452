package io.quiver.value;

/**
 * One event flowing through Quiver.
 *
 * @param id the event's identity; replies and error events keep the id of the request
 * @param ingestNs when the data entered the system, nanoseconds since the epoch
 * @param data the payload
 * @param meta the metadata record ({@code $} in scripts); never null, an empty record when unset
 * @param stream the connection (stream) the event came from within its source, or 0; linked
 *     sources use it with {@code id.source()} to find the connection a reply belongs to
 */
public record Event(EventId id, long ingestNs, Value data, Value meta, long stream) {

  public Event {
    if (meta == null) {
      meta = Value.EMPTY_OBJECT;
    }
  }

  public Event withData(Value newData) {
    return new Event(id, ingestNs, newData, meta, stream);
  }

  public Event withMeta(Value newMeta) {
    return new Event(id, ingestNs, data, newMeta, stream);
  }

  /** The metadata field {@code key}, or {@code null} when absent or meta is not a record. */
  public Value metaField(String key) {
    return meta instanceof Value.Obj o ? o.get(key) : null;
  }
}
