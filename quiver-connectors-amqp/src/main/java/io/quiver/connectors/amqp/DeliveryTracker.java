package io.quiver.connectors.amqp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Guaranteed delivery's bookkeeping for one onramp: which broker deliveries are in flight under
 * which event ids. A delivery handed to the runtime made events {@code [first, first + count)}; an
 * ack of id {@code n} covers every event up to {@code n} still tracked (the runtime's contract: a
 * batch is acked with its highest id), so every delivery whose last id is at most {@code n} is
 * done. Confined to the onramp's thread.
 */
final class DeliveryTracker {
  private record InFlight(long tag, long lastId) {}

  private final NavigableMap<Long, InFlight> byFirstId = new TreeMap<>();

  /** A delivery made {@code count} events from {@code firstId} on (none: nothing to track). */
  void sent(long tag, long firstId, int count) {
    if (count > 0) {
      byFirstId.put(firstId, new InFlight(tag, firstId + count - 1));
    }
  }

  /** The delivery tags that an ack of {@code id} completes (and forgets). */
  List<Long> ack(long id) {
    List<Long> done = new ArrayList<>();
    Iterator<InFlight> it = byFirstId.headMap(id, true).values().iterator();
    while (it.hasNext()) {
      InFlight d = it.next();
      if (d.lastId() <= id) {
        done.add(d.tag());
        it.remove();
      }
    }
    return done;
  }

  /** The delivery tag that made event {@code id} (forgotten), or -1 when it is not tracked. */
  long fail(long id) {
    Map.Entry<Long, InFlight> e = byFirstId.floorEntry(id);
    if (e == null || e.getValue().lastId() < id) {
      return -1;
    }
    byFirstId.remove(e.getKey());
    return e.getValue().tag();
  }

  /** The connection was lost: the broker requeues every unacked delivery itself. */
  void clear() {
    byFirstId.clear();
  }

  int inFlight() {
    return byFirstId.size();
  }
}
