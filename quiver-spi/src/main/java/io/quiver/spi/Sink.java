package io.quiver.spi;

import io.quiver.value.Event;

/**
 * An offramp: takes events out of Quiver. Created by a {@link SinkProvider}.
 *
 * <p>Threading: {@link #onEvent} and {@link #onSignal} may be called from several pipeline threads
 * at once and must not block; a sink that does I/O hands the work to its own event loop.
 */
public interface Sink {

  /** Starts the sink (e.g. begins connecting). Called once on the runtime's control thread. */
  void start(SinkContext context) throws Exception;

  /** One event to send. Failures become error events on port {@code err} (linked sinks). */
  void onEvent(Event event);

  /** A control signal, e.g. {@link Signal.StreamEnded}. */
  default void onSignal(Signal signal) {}

  /**
   * Whether the runtime acks each transactional event once {@link #onEvent} returned (and fails it
   * when it threw), Tremor's {@code auto_ack}. A sink that knows better (acks on send, like the ws
   * offramp) returns false and reports through {@link SinkContext#ack}/{@link SinkContext#fail}.
   */
  default boolean autoAck() {
    return true;
  }

  /**
   * Shutdown: whether every event handed to this sink has had its answer (a linked sink: its reply
   * or error was emitted; otherwise: it was written or failed). The runtime asks this repeatedly
   * from its control thread while it drains, after the sources stopped accepting; it may block
   * briefly. Default: true (a sink that holds nothing).
   */
  default boolean drained() {
    return true;
  }

  /**
   * Stops the sink and releases resources. Everything still unanswered gets its error event before
   * this returns (the drain before it had its chance). May block briefly.
   */
  void stop();
}
