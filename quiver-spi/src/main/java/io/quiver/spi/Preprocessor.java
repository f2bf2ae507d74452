package io.quiver.spi;

import java.util.List;

/**
 * Transforms raw bytes before decoding (split into lines, decompress, ...). Stateful: one instance
 * per connection/stream, used by one thread at a time.
 */
public interface Preprocessor {

  /** The registry name, e.g. {@code lines}. */
  String name();

  /**
   * Processes one chunk and appends zero or more output chunks to {@code out}. On failure nothing
   * must be appended and the instance must be usable again for the next chunk; the exception is
   * {@link RejectedInputException}, thrown after appending the parts that were fine, whose rejected
   * parts each become an error.
   */
  void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException;

  /**
   * The ingest time of the chunks the last {@link #process} call produced, given the time before
   * it. Tremor's preprocessors may change it ({@code ingest-ns} reads it from the data); the new
   * time holds for every chunk of the same input and becomes the events' ingest time. The default
   * keeps it.
   */
  default long ingestNs(long ingestNs) {
    return ingestNs;
  }

  /**
   * Flushes buffered data at the end of a message or stream (e.g. a trailing line without a
   * separator). The default does nothing.
   */
  default void finish(List<byte[]> out) throws ProcessorException {}
}
