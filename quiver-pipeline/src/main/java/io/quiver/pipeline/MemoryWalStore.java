package io.quiver.pipeline;

import io.quiver.value.Event;
import java.util.Map;
import java.util.TreeMap;

/** A {@code qos::wal} store in memory (no {@code dir}): lost when the process ends. */
final class MemoryWalStore implements WalStore {
  private final TreeMap<Long, Event> events = new TreeMap<>();
  private final TreeMap<Long, Integer> sizes = new TreeMap<>();
  private long next;
  private long confirmed = -1;
  private long bytes;

  @Override
  public long append(Event event) {
    long idx = next++;
    int size = WalRecords.encode(event).length;
    events.put(idx, event);
    sizes.put(idx, size);
    bytes += size;
    return idx;
  }

  @Override
  public Iterable<Map.Entry<Long, Event>> from(long from) {
    return events.tailMap(from, true).entrySet();
  }

  @Override
  public Event get(long idx) {
    return events.get(idx);
  }

  @Override
  public void confirm(long idx) {
    confirmed = idx;
  }

  @Override
  public long confirmed() {
    return confirmed;
  }

  @Override
  public void removeUpTo(long idx) {
    var head = events.headMap(idx, true);
    head.clear();
    var headSizes = sizes.headMap(idx, true);
    for (int s : headSizes.values()) {
      bytes -= s;
    }
    headSizes.clear();
  }

  @Override
  public long count() {
    return events.size();
  }

  @Override
  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {}
}
