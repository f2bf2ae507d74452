package io.quiver.spi;

/** Control messages that travel with the event flow, from sources through pipelines to sinks. */
public sealed interface Signal {

  /** A periodic tick (Tremor pipelines tick every 100 ms). */
  record Tick(long nowNs) implements Signal {}

  /**
   * A source's stream (for ws: one client connection) has ended. Sinks drop per-stream state, e.g.
   * the ws offramp closes that client's upstream session.
   */
  record StreamEnded(long source, long stream) implements Signal {}
}
