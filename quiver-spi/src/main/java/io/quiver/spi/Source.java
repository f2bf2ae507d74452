package io.quiver.spi;

/**
 * An onramp: brings data into Quiver. Created by a {@link SourceProvider} from a validated
 * config. The runtime calls {@link #start} once, {@link #reply} for every event sent to the
 * onramp's {@code in} port (linked onramps only), and {@link #stop} once at shutdown.
 */
public interface Source {

  /**
   * Starts the source (binds listeners, opens files). Called on the runtime's control thread; may
   * block until the source is ready. A failure stops the deployment at startup.
   */
  void start(SourceContext context) throws Exception;

  /**
   * A reply for a linked source: deliver {@code event} to the stream it belongs to ({@code
   * event.stream()}). Called from any thread; must not block. Replies for unknown or closed
   * streams are dropped (logged at debug).
   */
  default void reply(io.quiver.value.Event event) {}

  /** Stops accepting data and releases resources. May block briefly. */
  void stop();
}
