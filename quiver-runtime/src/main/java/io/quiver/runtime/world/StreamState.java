package io.quiver.runtime.world;

import io.quiver.spi.Deserializer;
import io.quiver.spi.FlowControl;

/**
 * One open stream (connection) of an {@link OnrampInstance}: its deserializer, its flow control and
 * why that is paused; guarded by its own monitor.
 */
final class StreamState {
  final Deserializer deserializer;
  final FlowControl flow;

  /** Paused because a pipeline it feeds is overloaded. */
  boolean paused;

  /**
   * Holds from sinks whose queue for this stream is full ({@code SinkContext.holdOrigin}) minus
   * their releases. Signed: a sink may hold from one thread and release from another, so a release
   * can arrive just before the hold it answers; the pair still nets to zero.
   */
  int heldBySinks;

  /**
   * Whether its flow control is paused right now (backpressure, sink holds or the circuit breaker).
   */
  boolean flowPaused;

  /** Sends what its messages decode to (reused; made at the first message). */
  StreamSink sink;

  StreamState(Deserializer deserializer, FlowControl flow) {
    this.deserializer = deserializer;
    this.flow = flow;
  }
}
