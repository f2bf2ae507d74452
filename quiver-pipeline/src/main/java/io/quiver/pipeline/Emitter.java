package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.value.Event;

/** Receives what a pipeline emits, per output port, and the insights it sends upstream. */
@FunctionalInterface
public interface Emitter {
  void emit(String outputPort, Event event);

  /**
   * An insight leaving the pipeline upstream (towards its inputs), after its operators saw it. The
   * default drops it.
   */
  default void insight(Insight insight) {}
}
