package io.quiver.spi;

import io.quiver.value.Value;

/**
 * Takes the outcomes of deserializing one input as they come, in order ({@link
 * Deserializer#deserialize(byte[], long, boolean, DecodedSink)}): the per-message path without a
 * {@link Decoded} object or a list per input.
 */
public interface DecodedSink {
  /**
   * A decoded value.
   *
   * @param ingestNs its ingest time: the input's, or the one a preprocessor set ({@code ingest-ns})
   */
  void ok(Value value, long ingestNs);

  /** A chunk (or the whole input) that could not be decoded: the error event's text. */
  void failed(String message);
}
