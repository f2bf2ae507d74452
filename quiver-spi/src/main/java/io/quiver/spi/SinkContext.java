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

  /**
   * A new serializer whose codec is the one the artefact's {@code codec_map} (Tremor's built-in
   * mime map, overridden by the artefact's entries) gives for a {@code Content-Type} value
   * (parameters and case ignored), else the artefact's codec, with the artefact's postprocessors.
   * For sinks that encode by content type (the rest offramp); empty when the context cannot tell
   * (then the sink uses {@link #newSerializer()}).
   */
  default java.util.Optional<Serializer> newSerializer(String contentType) {
    return java.util.Optional.empty();
  }

  /**
   * As {@link #newSerializer(String)}, a deserializer (the artefact's preprocessors) for replies.
   */
  default java.util.Optional<Deserializer> newDeserializer(String contentType) {
    return java.util.Optional.empty();
  }

  /**
   * Reports an insight back through the contraflow: to the pipelines that sent the event (acks and
   * fails) or to every pipeline feeding this offramp (circuit changes), and on to their sources.
   * Thread-safe and non-blocking; the default drops it.
   */
  default void insight(Insight insight) {}

  /**
   * Holds back the source stream {@code event} came from (a websocket client, say): the runtime
   * stops reading it until every hold is released with {@link #releaseOrigin}. For a sink whose
   * queue for that origin is full, so the sender slows down instead of losing events. Holds are
   * counted: release each one exactly once (a release may even overtake its hold when they come
   * from different threads). Any thread; never blocks. Events that did not come from a stream (made
   * by a pipeline, say) hold nothing.
   *
   * @return whether the origin will slow down (an open stream whose source can pause); when not,
   *     the sink has to protect itself (e.g. refuse events beyond a limit)
   */
  default boolean holdOrigin(Event event) {
    return false;
  }

  /** Releases one {@link #holdOrigin} of the stream {@code event} came from. */
  default void releaseOrigin(Event event) {}

  /**
   * Acks a delivered event, if it is transactional (otherwise nobody is waiting: nothing is sent).
   */
  default void ack(Event event) {
    if (event.transactional()) {
      insight(Insight.ack(event));
    }
  }

  /** Fails an event that could not be delivered, if it is transactional. */
  default void fail(Event event) {
    if (event.transactional()) {
      insight(Insight.fail(event));
    }
  }

  /**
   * The sink cannot deliver for now (e.g. its upstream connection is down): sources feeding it
   * pause. A sink is taken to be available when it starts; one that is not yet reports this from
   * {@link Sink#start}.
   */
  default void circuitBroken() {
    insight(Insight.circuitBroken(System.currentTimeMillis() * 1_000_000L));
  }

  /**
   * Ends the whole process with {@code status} once the deployment has stopped cleanly (Tremor's
   * {@code exit} offramp and friends); returns at once. See {@link ProcessExit}.
   */
  default void exitProcess(int status) {
    ProcessExit.request(status);
  }

  /** The sink can deliver again: sources feeding it resume. */
  default void circuitRestored() {
    insight(Insight.circuitRestored(System.currentTimeMillis() * 1_000_000L));
  }
}
