package io.quiver.spi;

import io.quiver.value.Event;

/**
 * An offramp: takes events out of Quiver. Created by a {@link SinkProvider}.
 *
 * <p>Threading: {@link #onEvent} and {@link #onSignal} may be called from several pipeline
 * threads at once and must not block; a sink that does I/O hands the work to its own event loop.
 */
public interface Sink {

  /** Starts the sink (e.g. begins connecting). Called once on the runtime's control thread. */
  void start(SinkContext context) throws Exception;

  /** One event to send. Failures become error events on port {@code err} (linked sinks). */
  void onEvent(Event event);

  /** A control signal, e.g. {@link Signal.StreamEnded}. */
  default void onSignal(Signal signal) {}

  /** Stops the sink and releases resources. May block briefly. */
  void stop();
}
