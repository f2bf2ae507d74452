package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.ProcessorException;

/**
 * Tremor's {@code length-prefixed} preprocessor: a stream of frames, each a u64 big-endian length
 * and that many bytes; frames may be split across chunks and chunks may hold many frames.
 *
 * <p>Differences from Tremor 0.11, both deliberate: a header is read as soon as its 8 bytes are
 * there (Tremor waits for a 9th byte, so a trailing empty frame came out only with the next chunk),
 * and a length above {@code maxFrame} fails instead of buffering without bound; the buffered bytes
 * are then discarded, since the stream cannot be resynchronised.
 */
public final class LengthPrefixedPreprocessor extends LengthHeaderPreprocessor {
  public static final String NAME = "length-prefixed";

  /** The largest frame accepted by the registered preprocessor (256 MiB). */
  public static final int DEFAULT_MAX_FRAME = 256 * 1024 * 1024;

  public LengthPrefixedPreprocessor(int maxFrame) {
    super(maxFrame);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  long readHeader() throws ProcessorException {
    if (buffer.length() < Long.BYTES) {
      return -1;
    }
    long length = buffer.readLong();
    if (length < 0 || length > maxFrame) {
      int discarded = discard();
      throw new ProcessorException(
          "Preprocessor length-prefixed: frame length "
              + Long.toUnsignedString(length)
              + " exceeds the maximum of "
              + maxFrame
              + " bytes; "
              + discarded
              + " buffered bytes discarded (is the input really length-prefixed?)");
    }
    buffer.skip(Long.BYTES);
    return length;
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, () -> new LengthPrefixedPreprocessor(DEFAULT_MAX_FRAME));
    }
  }
}
