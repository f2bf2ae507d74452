package io.quiver.spi.queued;

import io.quiver.value.Event;
import java.util.List;

/**
 * What a connector gives its {@link QueuedSender}: how to send, how to probe, how to close. Every
 * method but {@link #close} and {@link #unsent} runs on the sender thread, one at a time, so the
 * connector's client state needs no locks there.
 *
 * <p>Each event taken from the queue is answered exactly once: for a target that answers at once
 * ({@link #answersLater} false) the sender counts it answered when {@link #send} returns; one that
 * waits for its peer (acks from a broker) calls {@link QueuedSender#answered} itself for each
 * event, from any thread, once it acked or failed it, and must not throw from {@link #send}.
 */
public interface SendTarget {

  /** First thing on the sender thread, before any event: connect, say. May block. */
  default void senderStarted() throws InterruptedException {}

  /** Sends one event: acks or fails it (and answers it on {@code err} where it does). */
  void send(Event event) throws InterruptedException;

  /**
   * Sends the events taken from the queue at once (up to {@link SendLimits#batchMax}, in arrival
   * order). The default sends them one by one; a target that commits a group overrides it.
   */
  default void sendBatch(List<Event> events) throws InterruptedException {
    for (Event event : events) {
      send(event);
    }
  }

  /** Whether this target calls {@link QueuedSender#answered} itself (see the class comment). */
  default boolean answersLater() {
    return false;
  }

  /**
   * On every turn of the sender loop (at least every 100 ms, before the event of the turn is sent):
   * work a connector does while idle (retry making a client, say).
   */
  default void turn() {}

  /**
   * The circuit is broken: is the peer there again? Asked once a second on the sender thread; the
   * target restores the circuit ({@link Circuit#restores}) when it finds the peer. May block
   * briefly.
   */
  default void probe() {}

  /**
   * An event still queued when the sender stopped; it was failed already. For a target that also
   * answers it on {@code err}. Called on the stopping thread.
   */
  default void unsent(Event event) {}

  /** After the sender thread ended (or was given up on): close clients and connections. */
  default void close() {}
}
