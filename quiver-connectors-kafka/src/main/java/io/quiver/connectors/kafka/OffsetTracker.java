package io.quiver.connectors.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Guaranteed delivery's bookkeeping for one consumer: which records are in flight under which event
 * ids, and up to which offset each partition may be committed. Confined to the consumer's thread
 * (no locks).
 *
 * <p>A record handed to the runtime made events with ids {@code [first, first + count)}. An ack of
 * id {@code n} means every event up to {@code n} that is still tracked was delivered (the runtime's
 * contract: a batch is acked with its highest id), so every record whose last id is at most {@code
 * n} is done. A partition may be committed up to its lowest offset not done yet (or past its
 * highest record when all are): never past an event that was not acknowledged. A fail either marks
 * the record done ({@code retry_failed_events: false}) or {@link #rewind rewinds} its partition:
 * the record and every later one of that partition are forgotten, to be read again.
 */
final class OffsetTracker {
  /** A record in flight: its partition, offset and the last event id it made. */
  private record InFlight(TopicPartition partition, long offset, long lastId) {}

  /** In flight by first event id. */
  private final NavigableMap<Long, InFlight> byId = new TreeMap<>();

  /** Per partition: offsets not yet done, and the offset after the highest record seen. */
  private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();

  private final Map<TopicPartition, Long> next = new HashMap<>();

  /** What was last committed (or asked to be), per partition. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * A record was handed to the runtime and made {@code count} events from {@code firstId} on; a
   * record that made none is done at once.
   */
  void sent(TopicPartition partition, long offset, long firstId, int count) {
    next.merge(partition, offset + 1, Math::max);
    if (count <= 0) {
      return;
    }
    pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    byId.put(firstId, new InFlight(partition, offset, firstId + count - 1));
  }

  /** Every tracked record whose events are all at or below {@code id} is done. */
  void ack(long id) {
    Iterator<InFlight> it = byId.headMap(id, true).values().iterator();
    while (it.hasNext()) {
      InFlight r = it.next();
      if (r.lastId() <= id) {
        done(r);
        it.remove();
      }
    }
  }

  /** The record that made event {@code id} counts as done (a fail that is not retried). */
  void skip(long id) {
    Map.Entry<Long, InFlight> e = byId.floorEntry(id);
    if (e != null && e.getValue().lastId() >= id) {
      done(e.getValue());
      byId.remove(e.getKey());
    }
  }

  /**
   * The record that made event {@code id} failed and is read again: forgets it and every later
   * record of its partition, and returns where to seek (its partition and offset), or null when it
   * is no longer tracked (already done, or its partition was revoked).
   */
  Rewind rewind(long id) {
    Map.Entry<Long, InFlight> e = byId.floorEntry(id);
    if (e == null || e.getValue().lastId() < id) {
      return null;
    }
    InFlight failed = e.getValue();
    byId.values()
        .removeIf(r -> r.partition().equals(failed.partition()) && r.offset() >= failed.offset());
    TreeSet<Long> offsets = pending.get(failed.partition());
    if (offsets != null) {
      offsets.tailSet(failed.offset(), true).clear();
    }
    next.put(failed.partition(), failed.offset());
    return new Rewind(failed.partition(), failed.offset());
  }

  /** Where a failed partition is read again from. */
  record Rewind(TopicPartition partition, long offset) {}

  private void done(InFlight r) {
    TreeSet<Long> offsets = pending.get(r.partition());
    if (offsets != null) {
      offsets.remove(r.offset());
    }
  }

  /**
   * The offsets to commit now: per partition, the lowest offset not yet done (or the one after its
   * highest record), where that moved past the last commit. Records them as committed.
   */
  Map<TopicPartition, Long> toCommit() {
    return toCommit(null);
  }

  /** As {@link #toCommit()}, for {@code only} these partitions (all when null). */
  Map<TopicPartition, Long> toCommit(java.util.Set<TopicPartition> only) {
    Map<TopicPartition, Long> out = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
      TopicPartition p = e.getKey();
      if (only != null && !only.contains(p)) {
        continue;
      }
      TreeSet<Long> offsets = pending.get(p);
      long upTo = offsets == null || offsets.isEmpty() ? e.getValue() : offsets.first();
      Long last = committed.get(p);
      if (last == null || upTo > last) {
        out.put(p, upTo);
        committed.put(p, upTo);
      }
    }
    return out;
  }

  /** A commit did not go through: commit these partitions again next time. */
  void commitFailed(Iterable<TopicPartition> partitions) {
    partitions.forEach(committed::remove);
  }

  /**
   * The partitions were revoked (a rebalance, or the consumer is closing): forgets them; what was
   * in flight from them is read again by their next owner.
   */
  void forget(java.util.Collection<TopicPartition> partitions) {
    byId.values().removeIf(r -> partitions.contains(r.partition()));
    for (TopicPartition p : partitions) {
      pending.remove(p);
      next.remove(p);
      committed.remove(p);
    }
  }

  /** Records in flight (tests, drain). */
  int inFlight() {
    return byId.size();
  }

  /** Partitions tracked (tests). */
  List<TopicPartition> partitions() {
    return new ArrayList<>(next.keySet());
  }
}
