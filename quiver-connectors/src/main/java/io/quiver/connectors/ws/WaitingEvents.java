package io.quiver.connectors.ws;

import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayDeque;

/**
 * The events of an {@link UpstreamSession} not sent yet (waiting for the connection, or for room
 * under max_in_flight), and its rule for a full session: the sender is held back ({@link
 * OriginHolds}) and let go once at most half of max_in_flight is in flight; a sender that cannot be
 * held gets errors beyond twice max_in_flight.
 *
 * <p>Confined to the session's event loop, but for {@link #holdSender}.
 */
final class WaitingEvents {
  private final ArrayDeque<Event> queue = new ArrayDeque<>();
  private final OriginHolds holds;
  private final OfframpAnswers answers;
  private final int maxInFlight;

  WaitingEvents(OfframpAnswers answers, WsMetrics metrics, int maxInFlight) {
    this.holds = new OriginHolds(answers, metrics);
    this.answers = answers;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Whether the session takes {@code event} with {@code inFlight} events already in flight. When
   * full it holds the sender back: a held sender still delivers what it sent before the hold
   * reached it (the rest of one read, its pipeline's queue), all of which waits here.
   */
  boolean admits(Event event, int inFlight) {
    return inFlight < maxInFlight || holds.hold(event) || inFlight < 2 * maxInFlight;
  }

  /** Holds back the sender of {@code event} (the session's loop is behind). Any thread. */
  void holdSender(Event event) {
    holds.hold(event);
  }

  /** Lets held senders go if {@code inFlight} is at most half of max_in_flight. */
  void releaseSendersIfRoom(int inFlight) {
    if (inFlight <= maxInFlight / 2) {
      holds.releaseAll();
    }
  }

  /** Lets every held sender go (the connection failed or the session ends). */
  void releaseSenders() {
    holds.releaseAll();
  }

  void add(Event event) {
    queue.add(event);
  }

  /** The oldest waiting event, removed, or null. */
  Event poll() {
    return queue.poll();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Answers every waiting event with {@code failure}: none waits after. */
  void failAll(OfframpFailure failure, Value clientClose) {
    Event event;
    while ((event = queue.poll()) != null) {
      answers.error(event, failure, clientClose);
    }
  }
}
