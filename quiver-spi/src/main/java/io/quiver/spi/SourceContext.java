package io.quiver.spi;

import io.quiver.value.Value;

/**
 * What the runtime offers a running {@link Source}. All methods are thread-safe and non-blocking,
 * so they may be called from Netty event loops.
 */
public interface SourceContext {

  Artefact artefact();

  /** Opens a new stream (e.g. a client connection) and returns its id (1, 2, ...). */
  long openStream(FlowControl flow);

  /**
   * Hands raw bytes of a stream to the runtime: they run through that stream's preprocessors and
   * the codec, and become events on port {@code out} (or error events on {@code err}).
   *
   * @param meta the event metadata record, e.g. {@code {"binary": false}}
   * @param endOfMessage the bytes end a message: buffering preprocessors flush (unless the source
   *     was configured to buffer across messages)
   */
  void receive(long stream, byte[] data, Value meta, boolean endOfMessage);

  /** The stream ended (client closed): flushes and drops its preprocessors, signals downstream. */
  void closeStream(long stream);

  /**
   * Ends the whole process with {@code status} once the deployment has stopped cleanly (Tremor's
   * {@code exit} offramp and friends); returns at once. See {@link ProcessExit}.
   */
  default void exitProcess(int status) {
    ProcessExit.request(status);
  }

  /** A new serializer (codec + postprocessors) for replies on one connection. */
  Serializer newReplySerializer();
}
