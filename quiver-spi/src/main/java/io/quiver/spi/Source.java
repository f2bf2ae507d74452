package io.quiver.spi;

/**
 * An onramp: brings data into Quiver. Created by a {@link SourceProvider} from a validated config.
 * The runtime calls {@link #start} once, {@link #reply} for every event sent to the onramp's {@code
 * in} port (linked onramps only), and {@link #stop} once at shutdown.
 */
public interface Source {

  /**
   * Starts the source (binds listeners, opens files). Called on the runtime's control thread; may
   * block until the source is ready. A failure stops the deployment at startup.
   */
  void start(SourceContext context) throws Exception;

  /**
   * A reply for a linked source: deliver {@code event} to the stream it belongs to ({@code
   * event.stream()}). Called from any thread; must not block. Replies for unknown or closed streams
   * are dropped (logged at debug).
   */
  default void reply(io.quiver.value.Event event) {}

  /**
   * Whether the source wants acks and fails for its events (Tremor's {@code is_transactional}): its
   * events are then transactional and {@link #ack}/{@link #fail} are called. Default false.
   */
  default boolean transactional() {
    return false;
  }

  /**
   * The event {@code id} (and all of this source's events before it that an ack covers) was
   * delivered. For batches and other merged events, the highest id of this source they contain.
   * Only called for transactional sources, from any thread; must not block.
   */
  default void ack(io.quiver.value.EventId id) {}

  /**
   * The event {@code id} could not be delivered (for merged events, the lowest id of this source
   * they contain). Only called for transactional sources, from any thread; must not block.
   */
  default void fail(io.quiver.value.EventId id) {}

  /**
   * A circuit breaker downstream broke: the runtime has paused every stream of this source (their
   * {@link FlowControl}) and pauses new ones until {@link #circuitRestored}. Any thread; must not
   * block.
   */
  default void circuitBroken() {}

  /** The circuit breaker was restored: the runtime resumed the streams it paused. */
  default void circuitRestored() {}

  /**
   * Shutdown, first step: stop taking new connections and new data, but keep delivering {@link
   * #reply replies}: the runtime then drains (waits until every event taken has been answered, or
   * its drain timeout passes) and calls {@link #stop}. Data a client sends from now on is not
   * taken. Called once on the runtime's control thread; may block briefly. Default: nothing.
   */
  default void stopAccepting() {}

  /**
   * Stops the source and releases resources: replies handed over before this call are delivered
   * first, then every connection is ended (a websocket client with close code 1001, going away).
   * May block briefly.
   */
  void stop();
}
