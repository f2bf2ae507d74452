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
   * Opens a stream whose data is decoded by the codec the onramp maps {@code contentType} to
   * (Tremor's {@code codec_map}: the built-in mime map, overridden by the artefact's own entries;
   * parameters such as {@code charset} and case are ignored), else by the onramp's codec, as
   * Tremor's rest onramp decodes a request body by its {@code Content-Type}. The preprocessors are
   * the onramp's. {@code contentType} may be null.
   */
  default long openStream(FlowControl flow, String contentType) {
    return openStream(flow);
  }

  /**
   * Receives one whole message ({@link #receive} with {@code endOfMessage} true) and returns how
   * many events it made, error events included; -1 when this context cannot tell. A request/reply
   * source answers a message that made no event at once (Tremor's {@code on_empty_event}).
   */
  default int receiveMessage(long stream, byte[] data, Value meta) {
    receive(stream, data, meta, true);
    return -1;
  }

  /**
   * Hands raw bytes of a stream to the runtime: they run through that stream's preprocessors and
   * the codec, and become events on port {@code out} (or error events on {@code err}).
   *
   * @param meta the event metadata record, e.g. {@code {"binary": false}}
   * @param endOfMessage the bytes end a message: buffering preprocessors flush (unless the source
   *     was configured to buffer across messages)
   */
  void receive(long stream, byte[] data, Value meta, boolean endOfMessage);

  /**
   * {@link #receive} for bytes the source checked to be strict UTF-8 (a websocket text message):
   * the codec need not check them again when no preprocessor changes them.
   */
  default void receiveUtf8(long stream, byte[] data, Value meta, boolean endOfMessage) {
    receive(stream, data, meta, endOfMessage);
  }

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

  /**
   * A new reply serializer for a reply labelled {@code contentType}: the codec the onramp maps it
   * to (as {@link #openStream(FlowControl, String)}), else the onramp's codec; the onramp's
   * postprocessors. Its {@link Serializer#mimeType()} names what it produces.
   */
  default Serializer newReplySerializer(String contentType) {
    return newReplySerializer();
  }
}
