package io.quiver.pipeline;

import io.quiver.value.Event;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every {@code qos::wal} store keeps in memory: the live events by number with the bytes each
 * takes, the number the next event gets and the last confirmed number. A subclass decides where the
 * events are written and what a confirmation costs.
 */
abstract sealed class AbstractWalStore implements WalStore permits MemoryWalStore, FileWalStore {
  private final TreeMap<Long, Event> events = new TreeMap<>();
  private final TreeMap<Long, Integer> sizes = new TreeMap<>();
  private long next;
  private long confirmed = -1;
  private long liveBytes;

  /** The number the next appended event gets. */
  final long nextNumber() {
    return next;
  }

  /** Keeps event {@code idx} taking {@code size} bytes; later events are numbered above it. */
  final void keep(long idx, Event event, int size) {
    events.put(idx, event);
    sizes.put(idx, size);
    liveBytes += size;
    numberedAtLeast(idx);
  }

  /** Notes that number {@code idx} is taken (by an event or a confirmation). */
  final void numberedAtLeast(long idx) {
    next = Math.max(next, idx + 1);
  }

  /** Remembers {@code idx} as the last confirmed number. */
  final void confirmedUpTo(long idx) {
    confirmed = idx;
  }

  /** Forgets the live events numbered up to {@code idx}. */
  final void forgetUpTo(long idx) {
    events.headMap(idx, true).clear();
    var head = sizes.headMap(idx, true);
    for (int s : head.values()) {
      liveBytes -= s;
    }
    head.clear();
  }

  /** The bytes the live events take, as given to {@link #keep}. */
  final long liveBytes() {
    return liveBytes;
  }

  /** The live events in order. */
  final Set<Map.Entry<Long, Event>> live() {
    return events.entrySet();
  }

  @Override
  public final Iterable<Map.Entry<Long, Event>> from(long from) {
    return events.tailMap(from, true).entrySet();
  }

  @Override
  public final Event get(long idx) {
    return events.get(idx);
  }

  @Override
  public final long confirmed() {
    return confirmed;
  }

  @Override
  public final long count() {
    return events.size();
  }
}
