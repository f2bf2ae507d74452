package io.quiver.pipeline;

import io.quiver.spi.Signal;
import io.quiver.value.Event;

/**
 * One running pipeline instance (a compiled Trickle query). Not thread-safe: the runtime calls it
 * from one thread at a time, so operators need no locks.
 */
public interface Pipeline {

  /** The pipeline id (file stem or {@code #!config id}). */
  String id();

  /**
   * Runs one event that arrived on {@code inputPort} (normally {@code in}) through the graph and
   * emits the results on output ports ({@code out}, {@code err}, or any {@code into <port>}).
   * Runtime errors never escape: a script error becomes an event on its {@code err} port.
   */
  void onEvent(String inputPort, Event event, Emitter out);

  /** Passes a signal (tick, stream end) through the operators. */
  default void onSignal(io.quiver.spi.Signal signal, Emitter out) {}
}
