package io.quiver.pipeline;

import io.quiver.value.Event;
import io.quiver.value.Transit;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a window group has aggregated (Tremor's group {@code id} with its tracked ids, and its
 * {@code transactional} flag): the event the window emits carries them, so an ack of it acks up to
 * the highest of them and a fail fails from the lowest. Immutable.
 *
 * @param ids the tracked id ranges, as {@link Transit#tracked()}
 * @param transactional whether any aggregated event was transactional
 */
record TrackedEvents(List<Transit.TrackedIds> ids, boolean transactional) {
  static final TrackedEvents NONE = new TrackedEvents(List.of(), false);

  /**
   * With {@code e} (and whatever it tracks) added. Every event is tracked, as Tremor's {@code
   * group.id.track(&event.id)} does (select.rs): a linked reply aggregated by a window finds its
   * request through these ids; acks and fails follow only when one was transactional.
   */
  TrackedEvents plus(Event e) {
    boolean tx = transactional || e.transactional();
    if (e.transit().tracked().isEmpty()) {
      // the common case, every event of a window: widen the one range of its source and stream
      // in place of a merge (ids hold one min..max range per source and stream, sorted by them)
      long n = e.id().event();
      for (int i = 0; i < ids.size(); i++) {
        Transit.TrackedIds t = ids.get(i);
        if (t.source() == e.id().source() && t.stream() == e.id().stream()) {
          if (n >= t.min() && n <= t.max()) {
            return tx == transactional ? this : new TrackedEvents(ids, tx);
          }
          List<Transit.TrackedIds> widened = new ArrayList<>(ids);
          widened.set(
              i,
              new Transit.TrackedIds(
                  t.source(), t.stream(), Math.min(t.min(), n), Math.max(t.max(), n)));
          return new TrackedEvents(List.copyOf(widened), tx);
        }
      }
    }
    List<Transit.TrackedIds> all = new ArrayList<>(ids.size() + 1);
    all.addAll(ids);
    all.add(
        new Transit.TrackedIds(e.id().source(), e.id().stream(), e.id().event(), e.id().event()));
    all.addAll(e.transit().tracked());
    return new TrackedEvents(Transit.NONE.withTrackedIds(all).tracked(), tx);
  }

  /** With everything {@code other} holds added (a window handing its state on to the next). */
  TrackedEvents plus(TrackedEvents other) {
    if (other == null || other == NONE || !other.transactional && other.ids.isEmpty()) {
      return this;
    }
    List<Transit.TrackedIds> all = new ArrayList<>(ids);
    all.addAll(other.ids);
    return new TrackedEvents(
        Transit.NONE.withTrackedIds(all).tracked(), transactional || other.transactional);
  }

  /** {@code base} (the operator metadata of the event closing the window) carrying these events. */
  Transit applyTo(Transit base) {
    return base.withTrackedIds(ids).withTransactional(transactional);
  }
}
