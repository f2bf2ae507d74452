package io.quiver.codec.framing;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of frames, each a header that gives the payload's length and then that many bytes;
 * frames may be split across chunks and chunks may hold many frames. Subclasses read the header
 * ({@code length-prefixed}: u64 big-endian, {@code textual-length-prefix}: decimal and a space);
 * the buffering and the frame loop are here.
 *
 * <p>A chunk whose header is invalid fails as a whole: none of its frames is emitted and the
 * buffered bytes are discarded ({@link #discard()}), since the stream cannot be resynchronised.
 */
abstract class LengthHeaderPreprocessor implements Preprocessor {
  /** The longest payload accepted; a longer one is an invalid header. */
  final int maxFrame;

  /** The received bytes that are not yet framed, the next header first. */
  final FrameBuffer buffer = new FrameBuffer();

  /** The length of the payload whose header was read, or -1 while a header is to be read. */
  private long pending = -1;

  LengthHeaderPreprocessor(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  /** Bytes received that do not yet form a whole frame. */
  public final int pendingLength() {
    return buffer.length();
  }

  /**
   * Reads the header at the buffer's start: removes it and returns the payload's length, or returns
   * -1 (leaving the buffer as it is) while the header is incomplete.
   *
   * @throws ProcessorException for an invalid header, after {@link #discard()}
   */
  abstract long readHeader() throws ProcessorException;

  /** Drops every buffered byte after an invalid header and returns how many there were. */
  final int discard() {
    int discarded = buffer.length();
    buffer.clear();
    pending = -1;
    return discarded;
  }

  @Override
  public final void process(byte[] data, long ingestNs, List<byte[]> out)
      throws ProcessorException {
    buffer.append(data);
    List<byte[]> frames = new ArrayList<>();
    while (true) {
      if (pending < 0) {
        long length = readHeader();
        if (length < 0) {
          break;
        }
        pending = length;
      }
      if (buffer.length() < pending) {
        break;
      }
      frames.add(buffer.take((int) pending));
      pending = -1;
    }
    out.addAll(frames);
  }
}
