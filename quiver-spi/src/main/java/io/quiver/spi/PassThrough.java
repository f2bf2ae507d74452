package io.quiver.spi;

/**
 * A fused pass-through route, handed by the runtime to a {@link PassThroughSource} when a binding
 * links it to a sink through pipelines that only pass events on (identity selects, no codecs or
 * processors that change a payload): the source may then hand each message to that sink itself,
 * without an event, and count it here so that every port's counts stay what the unfused path would
 * make them. Thread-safe; every method is cheap (counters), never blocks.
 */
public interface PassThrough {

  /** The onramp's uid: the source of its event ids ({@code uid:0:n}). */
  long onrampUid();

  /** The next event number of the onramp (one counter with the events it sends the usual way). */
  long nextEventNumber();

  /** Counts one request handed to the sink: onramp {@code out}, the pipeline, the offramp's in. */
  void countRequest();

  /**
   * Counts one reply handed back to the source: offramp {@code out}, the reply pipeline, the
   * onramp's {@code in}.
   */
  void countReply();

  /** The codec of both ramps: {@code string} (payloads must be UTF-8) or {@code binary}. */
  String codec();

  /** The sink of the route's offramp. */
  Sink sink();

  /** What the log and the operators call the route, e.g. {@code /onramp/ws/01 -> ...}. */
  String describe();
}
