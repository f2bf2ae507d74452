package io.quiver.spi;

import java.util.List;

/**
 * Transforms encoded bytes before they are sent (append a newline, compress, ...). One instance per
 * connection/sink, used by one thread at a time.
 */
public interface Postprocessor {

  /** The registry name, e.g. {@code lines}. */
  String name();

  /** Processes one chunk and appends zero or more output chunks to {@code out}. */
  void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException;

  /** Flushes buffered data at the end of the stream. The default does nothing. */
  default void finish(List<byte[]> out) throws ProcessorException {}
}
