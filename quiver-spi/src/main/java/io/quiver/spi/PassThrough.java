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

  /**
   * Whether the hand-off of the message numbered {@code number} is timed into the pipelines'
   * latency histograms: one in 16, the first included, as a pipeline times its runs.
   */
  static boolean timed(long number) {
    return (number & 15) == 0;
  }

  /**
   * Counts a timed request's hand-off (from its frame taken to its bytes queued for the sink) in
   * the request pipeline's latency histogram, where its run would have been timed.
   */
  void timeRequest(long nanos);

  /** Counts a timed reply's hand-off in the reply pipeline's latency histogram. */
  void timeReply(long nanos);

  /** The codec of both ramps: {@code string} (payloads must be UTF-8) or {@code binary}. */
  String codec();

  /**
   * Whether requests pass a {@code lines} preprocessor on the onramp and a {@code lines}
   * postprocessor on the offramp (the seed's proxy): then a message passes unchanged only when it
   * is one line ending in {@code \n} (the pair gives back exactly that), and any other message must
   * take the usual way (split into lines, each ended again).
   */
  boolean lineFramed();

  /** The sink of the route's offramp. */
  Sink sink();

  /** What the log and the operators call the route, e.g. {@code /onramp/ws/01 -> ...}. */
  String describe();
}
