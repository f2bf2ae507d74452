package io.quiver.pipeline;

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

  /**
   * The one output port this pipeline hands every event of {@code in} to unchanged (a bare {@code
   * select event from in into <port>;}), decided from the compiled query; null for any other query.
   * The runtime fuses pass-through routes through such pipelines.
   */
  default String passThroughPort() {
    return null;
  }

  /** Passes a signal (tick, stream end) through the operators. */
  default void onSignal(io.quiver.spi.Signal signal, Emitter out) {}

  /**
   * Passes an insight coming back from downstream through the operators (in reverse order of their
   * creation, as Tremor does); what is left of it goes to {@link Emitter#insight} for the
   * pipeline's inputs. Operators may emit events meanwhile (none of the built-in ones do).
   */
  default void onContraflow(io.quiver.spi.Insight insight, Emitter out) {
    out.insight(insight);
  }

  /**
   * This instance's uid. Transactional events leaving the pipeline carry it in their operator
   * metadata, so acks and fails for them find their way back here.
   */
  default long uid() {
    return 0;
  }

  /** Releases what operators hold (e.g. a WAL's log file). The default does nothing. */
  default void close() {}
}
