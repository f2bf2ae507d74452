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

  /**
   * An event died of a runtime error that nothing in the query handles. The default sends {@link
   * PipelineError#errorEvent()} out of the {@code err} port (what tests and {@code quiver run} want
   * to see); the runtime instead logs it in Tremor's form and answers the event's linked origin,
   * sending nothing out of {@code err}, as Tremor does.
   */
  default void error(PipelineError error) {
    emit("err", error.errorEvent());
  }
}
