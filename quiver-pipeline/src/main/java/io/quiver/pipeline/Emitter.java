package io.quiver.pipeline;

import io.quiver.value.Event;

/** Receives what a pipeline emits, per output port. */
@FunctionalInterface
public interface Emitter {
  void emit(String outputPort, Event event);
}
