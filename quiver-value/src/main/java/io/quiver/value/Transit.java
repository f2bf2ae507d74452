package io.quiver.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an event carries besides its data for delivery guarantees and the contraflow (Tremor's
 * {@code transactional}, {@code is_batch}, {@code op_meta} and tracked event ids). Immutable; every
 * {@code with...} method returns a new instance. Most events carry {@link #NONE}.
 *
 * <ul>
 *   <li>{@code transactional}: whoever sent the event wants to hear whether it was delivered (acks
 *       and fails come back through the contraflow);
 *   <li>{@code batch}: the data is an array of {@code {"data": {"value", "meta", "ingest_ns",
 *       ...}}} records made by {@code generic::batch}; sinks send each element;
 *   <li>operator metadata: per operator (by its uid), what it needs to recognise insights about
 *       events it handled (e.g. which round-robin output an event took);
 *   <li>tracked ids: the ids this event stands for besides its own (a batch, a replayed WAL entry).
 * </ul>
 */
public final class Transit {
  /** Not transactional, not a batch, no operator metadata, nothing tracked. */
  public static final Transit NONE =
      new Transit(false, false, new long[0], new Value[0], List.of());

  private final boolean transactional;
  private final boolean batch;
  private final long[] opKeys;
  private final Value[] opValues;
  private final List<TrackedIds> tracked;

  /** Ids {@code min..max} of one source and stream that an event stands for. */
  public record TrackedIds(long source, long stream, long min, long max) {
    @Override
    public String toString() {
      return "[min=" + source + ":" + stream + ":" + min + ", max=" + source + ":" + stream + ":"
          + max + "]";
    }
  }

  private Transit(
      boolean transactional,
      boolean batch,
      long[] opKeys,
      Value[] opValues,
      List<TrackedIds> tracked) {
    this.transactional = transactional;
    this.batch = batch;
    this.opKeys = opKeys;
    this.opValues = opValues;
    this.tracked = tracked;
  }

  public boolean transactional() {
    return transactional;
  }

  public boolean batch() {
    return batch;
  }

  public Transit withTransactional(boolean value) {
    return value == transactional ? this : new Transit(value, batch, opKeys, opValues, tracked);
  }

  public Transit withBatch(boolean value) {
    return value == batch ? this : new Transit(transactional, value, opKeys, opValues, tracked);
  }

  // ---- operator metadata ----

  /** Whether operator {@code uid} left metadata on this event. */
  public boolean hasOpMeta(long uid) {
    return Arrays.binarySearch(opKeys, uid) >= 0;
  }

  /** The metadata operator {@code uid} left, or {@code null}. */
  public Value opMeta(long uid) {
    int i = Arrays.binarySearch(opKeys, uid);
    return i >= 0 ? opValues[i] : null;
  }

  /** The operator uids that left metadata, ascending. */
  public long[] opMetaKeys() {
    return opKeys.clone();
  }

  /** With operator {@code uid}'s metadata set to {@code value} (replacing an earlier one). */
  public Transit withOpMeta(long uid, Value value) {
    int i = Arrays.binarySearch(opKeys, uid);
    if (i >= 0) {
      Value[] values = opValues.clone();
      values[i] = value;
      return new Transit(transactional, batch, opKeys, values, tracked);
    }
    int at = -i - 1;
    long[] keys = new long[opKeys.length + 1];
    Value[] values = new Value[opKeys.length + 1];
    System.arraycopy(opKeys, 0, keys, 0, at);
    System.arraycopy(opValues, 0, values, 0, at);
    keys[at] = uid;
    values[at] = value;
    System.arraycopy(opKeys, at, keys, at + 1, opKeys.length - at);
    System.arraycopy(opValues, at, values, at + 1, opKeys.length - at);
    return new Transit(transactional, batch, keys, values, tracked);
  }

  /** Only the operator metadata of this transit (not transactional, no batch, nothing tracked). */
  public Transit opMetaOnly() {
    return opKeys.length == 0 ? NONE : new Transit(false, false, opKeys, opValues, List.of());
  }

  // ---- tracked ids ----

  /** The tracked id ranges, sorted by source and stream; empty when only the own id counts. */
  public List<TrackedIds> tracked() {
    return tracked;
  }

  /**
   * With {@code id} (and what {@code idTransit} tracks) tracked in addition to {@code own}, the id
   * of the event carrying this transit. As Tremor's {@code EventId::track}: the first tracking also
   * records the own id.
   */
  public Transit withTracked(EventId own, EventId id, Transit idTransit) {
    List<TrackedIds> list = new ArrayList<>(tracked);
    if (list.isEmpty()) {
      list.add(new TrackedIds(own.source(), own.stream(), own.event(), own.event()));
    }
    add(list, new TrackedIds(id.source(), id.stream(), id.event(), id.event()));
    for (TrackedIds t : idTransit.tracked) {
      add(list, t);
    }
    return new Transit(transactional, batch, opKeys, opValues, List.copyOf(list));
  }

  /** With exactly these tracked id ranges (e.g. read back from storage); sorted here. */
  public Transit withTrackedIds(List<TrackedIds> ids) {
    List<TrackedIds> list = new ArrayList<>();
    for (TrackedIds t : ids) {
      add(list, t);
    }
    return new Transit(transactional, batch, opKeys, opValues, List.copyOf(list));
  }

  private static void add(List<TrackedIds> list, TrackedIds t) {
    for (int i = 0; i < list.size(); i++) {
      TrackedIds e = list.get(i);
      int c = compare(e, t.source(), t.stream());
      if (c == 0) {
        list.set(
            i,
            new TrackedIds(
                e.source(), e.stream(), Math.min(e.min(), t.min()), Math.max(e.max(), t.max())));
        return;
      }
      if (c > 0) {
        list.add(i, t);
        return;
      }
    }
    list.add(t);
  }

  private static int compare(TrackedIds e, long source, long stream) {
    int c = Long.compare(e.source(), source);
    return c != 0 ? c : Long.compare(e.stream(), stream);
  }

  /**
   * The highest event number {@code id} stands for from {@code source} (acks confirm up to it), or
   * -1. Without tracked ids that is {@code id}'s own number when its source matches (Tremor's
   * {@code get_max_by_source}).
   */
  public long maxBySource(EventId id, long source) {
    if (tracked.isEmpty()) {
      return id.source() == source ? id.event() : -1;
    }
    TrackedIds best = null;
    for (TrackedIds t : tracked) {
      if (t.source() == source && (best == null || t.stream() > best.stream())) {
        best = t;
      }
    }
    return best == null ? -1 : best.max();
  }

  /**
   * The lowest event number {@code id} stands for from {@code source} (fails replay from it), or
   * -1.
   */
  public long minBySource(EventId id, long source) {
    if (tracked.isEmpty()) {
      return id.source() == source ? id.event() : -1;
    }
    TrackedIds best = null;
    for (TrackedIds t : tracked) {
      if (t.source() == source && (best == null || t.stream() < best.stream())) {
        best = t;
      }
    }
    return best == null ? -1 : best.min();
  }

  /** Whether {@code id}, or anything it tracks, comes from {@code source}. */
  public boolean touches(EventId id, long source) {
    return maxBySource(id, source) >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transit t
        && t.transactional == transactional
        && t.batch == batch
        && Arrays.equals(t.opKeys, opKeys)
        && Arrays.equals(t.opValues, opValues)
        && t.tracked.equals(tracked);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(opKeys) * 31
        + tracked.hashCode()
        + (transactional ? 1 : 0)
        + (batch ? 2 : 0);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Transit[");
    b.append(transactional ? "transactional" : "not transactional");
    if (batch) {
      b.append(", batch");
    }
    for (int i = 0; i < opKeys.length; i++) {
      b.append(", op ").append(opKeys[i]).append('=').append(opValues[i]);
    }
    if (!tracked.isEmpty()) {
      b.append(", tracked ").append(tracked);
    }
    return b.append(']').toString();
  }
}
