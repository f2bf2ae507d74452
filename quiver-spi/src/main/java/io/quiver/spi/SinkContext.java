package io.quiver.spi;

import io.quiver.value.Event;

/** What the runtime offers a running {@link Sink}. All methods are thread-safe and non-blocking. */
public interface SinkContext {

  Artefact artefact();

  /**
   * Emits an event on one of the sink's output ports ({@code out} for replies, {@code err} for
   * error events) of a linked offramp. Events on unconnected ports are dropped.
   */
  void emit(String port, Event event);

  /** A new serializer (codec + postprocessors) for one connection. */
  Serializer newSerializer();

  /** A new deserializer (preprocessors + codec) for replies on one connection. */
  Deserializer newDeserializer();
}
