package io.quiver.connectors.ws;

import io.quiver.value.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The origins (source streams) an {@link UpstreamSession} holds back because it is full, each with
 * the event that made it so: held once per origin, released all together when the session has room
 * again (or ends). {@link #hold} is called from any thread, {@link #releaseAll} on the session's
 * loop.
 */
final class OriginHolds {
  /** The source stream of an event. */
  private record Origin(long source, long stream) {}

  /** A hold on an origin: the event that caused it, and whether the origin slows down. */
  private static final class Hold {
    final Event event;

    /** Until the runtime has answered, the hold counts as working. */
    volatile boolean effective = true;

    Hold(Event event) {
      this.event = event;
    }
  }

  private final OfframpAnswers answers;
  private final WsMetrics metrics;
  private final Map<Origin, Hold> held = new ConcurrentHashMap<>();

  OriginHolds(OfframpAnswers answers, WsMetrics metrics) {
    this.answers = answers;
    this.metrics = metrics;
  }

  /**
   * Holds back the sender of {@code event} (once per sender) until {@link #releaseAll}. Any thread.
   *
   * @return whether the sender slows down (an origin that cannot be held has to be refused)
   */
  boolean hold(Event event) {
    Origin origin = new Origin(event.id().source(), event.stream());
    Hold existing = held.get(origin); // the common case while a sender is held: no new Hold
    if (existing == null) {
      Hold fresh = new Hold(event);
      existing = held.putIfAbsent(origin, fresh);
      if (existing == null) {
        metrics.senderHeld();
        fresh.effective = answers.holdOrigin(event);
        return fresh.effective;
      }
    }
    return existing.effective;
  }

  /** Lets every held sender go. */
  void releaseAll() {
    if (held.isEmpty()) {
      return;
    }
    // each removed before its release: a released sender may send again at once, and must be
    // held again when the session is full
    for (Origin origin : List.copyOf(held.keySet())) {
      Hold hold = held.remove(origin);
      if (hold != null) {
        answers.releaseOrigin(hold.event);
      }
    }
  }
}
