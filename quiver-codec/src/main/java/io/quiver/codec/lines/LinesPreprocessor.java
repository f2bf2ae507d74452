package io.quiver.codec.lines;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.RejectedInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits chunks into lines on a one-byte separator, as Tremor 0.11's {@code lines} preprocessors do
 * (src/preprocessor/lines.rs).
 *
 * <p><b>Buffered</b>: the text after the last separator of a chunk is kept as a fragment and
 * completes the first line of a later chunk; empty lines are emitted as empty chunks. A complete
 * line longer than {@code maxLength} is dropped with an error of its own (Tremor only logs it,
 * which left its sender without an answer), the other lines of the chunk go on ({@link
 * RejectedInputException}). A fragment that would make the buffer exceed {@code maxLength} clears
 * the buffer and fails the whole chunk (lines already split from that chunk are discarded too); the
 * instance keeps working for the next chunk. {@link #finish} (a Quiver addition, called at the end
 * of a message or stream) emits a pending fragment.
 *
 * <p><b>Not buffered</b>: every element of the split is emitted (those over the limit refused as
 * above), including the empty one after a trailing separator (so {@code "a\nb\n"} gives {@code a},
 * {@code b} and an empty chunk, and an empty input one empty chunk).
 *
 * <p>{@code maxLength <= 0} means no limit (Tremor's no-buffer variants use 0). One instance per
 * stream, one thread at a time.
 */
public final class LinesPreprocessor implements Preprocessor {
  public static final String NAME = "lines";

  /** Tremor's limit for the registered buffered variants (1 MiB). */
  public static final int DEFAULT_MAX_LENGTH = 1_048_576;

  private static final Logger LOG = LoggerFactory.getLogger(LinesPreprocessor.class);
  private static final byte[] NO_BYTES = new byte[0];

  /** A fragment buffer grown beyond this is released once emptied, so idle streams stay small. */
  private static final int RETAINED_BUFFER = 64 * 1024;

  private final String name;
  private final byte separator;
  private final int maxLength;
  private final boolean buffered;

  private byte[] fragment = NO_BYTES;
  private int fragmentLength;
  private boolean droppedBefore;

  /** Lines of the current chunk refused for their length, or null. */
  private List<String> refused;

  public LinesPreprocessor(byte separator, int maxLength, boolean buffered) {
    this(NAME, separator, maxLength, buffered);
  }

  /** A variant registered under {@code name}, e.g. {@code lines-null}. */
  public LinesPreprocessor(String name, byte separator, int maxLength, boolean buffered) {
    this.name = name;
    this.separator = separator;
    this.maxLength = maxLength;
    this.buffered = buffered;
  }

  @Override
  public String name() {
    return name;
  }

  /** Bytes of an incomplete line waiting for its separator. */
  public int pendingLength() {
    return fragmentLength;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    refused = null;
    if (!buffered) {
      splitUnbuffered(data, out);
    } else {
      int before = out.size();
      try {
        splitBuffered(data, out);
      } catch (ProcessorException e) {
        out.subList(before, out.size()).clear();
        refused = null;
        throw e;
      }
    }
    if (refused != null) {
      List<String> lines = refused;
      refused = null;
      throw new RejectedInputException(lines);
    }
  }

  private void splitUnbuffered(byte[] data, List<byte[]> out) {
    int from = 0;
    while (true) {
      int at = ByteSearch.indexOf(data, from, data.length, separator);
      if (at < 0) {
        emitIfValid(data, from, data.length, out);
        return;
      }
      emitIfValid(data, from, at, out);
      from = at + 1;
    }
  }

  private void splitBuffered(byte[] data, List<byte[]> out) throws ProcessorException {
    int end = data.length;
    int at = ByteSearch.indexOf(data, 0, end, separator);
    if (at < 0) {
      saveFragment(data, 0, end);
      return;
    }
    if (fragmentLength > 0) {
      out.add(completeFragment(data, at));
    } else {
      emitIfValid(data, 0, at, out);
    }
    int from = at + 1;
    while ((at = ByteSearch.indexOf(data, from, end, separator)) >= 0) {
      emitIfValid(data, from, at, out);
      from = at + 1;
    }
    saveFragment(data, from, end);
  }

  /**
   * Emits the pending fragment as a line (end of message or stream) and clears it. Never fails: a
   * fragment that would exceed {@code maxLength} is rejected when it arrives, so the pending
   * fragment always fits.
   */
  @Override
  public void finish(List<byte[]> out) {
    if (fragmentLength > 0) {
      out.add(Arrays.copyOf(fragment, fragmentLength));
      clearFragment();
    }
  }

  private void emitIfValid(byte[] data, int from, int to, List<byte[]> out) {
    int length = to - from;
    if (maxLength > 0 && length > maxLength) {
      logDropped(length);
      if (refused == null) {
        refused = new ArrayList<>(1);
      }
      // Tremor's wording (src/preprocessor/lines.rs, is_valid_line), where it is only a warning
      refused.add(
          "Invalid line of length "
              + length
              + " since it exceeds maximum allowed length of "
              + maxLength);
      return;
    }
    out.add(from == 0 && to == data.length ? data : Arrays.copyOfRange(data, from, to));
  }

  private void logDropped(int length) {
    String text = "Invalid line of length {} since it exceeds maximum allowed length of {}";
    if (droppedBefore) {
      LOG.debug(text, length, maxLength);
    } else {
      droppedBefore = true;
      LOG.warn(
          text + " (further drops on this stream are logged at debug level)", length, maxLength);
    }
  }

  private void saveFragment(byte[] data, int from, int to) throws ProcessorException {
    int length = to - from;
    long total = (long) fragmentLength + length;
    if (maxLength > 0 && total > maxLength) {
      clearFragment();
      throw new ProcessorException(
          "Discarded line fragment of length "
              + length
              + " since total length of "
              + total
              + " exceeds maximum allowed length of "
              + maxLength);
    }
    if (length == 0) {
      return;
    }
    if (total > fragment.length) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(total, fragment.length * 2L));
      fragment = Arrays.copyOf(fragment, Math.max(capacity, 64));
    }
    System.arraycopy(data, from, fragment, fragmentLength, length);
    fragmentLength = (int) total;
  }

  /** The buffered fragment followed by {@code data[0, to)}; clears the buffer either way. */
  private byte[] completeFragment(byte[] data, int to) throws ProcessorException {
    long total = (long) fragmentLength + to;
    if (maxLength > 0 && total > maxLength) {
      clearFragment();
      throw new ProcessorException(
          "Discarded line fragment of length "
              + to
              + " since total length of "
              + total
              + " exceeds maximum allowed line length of "
              + maxLength);
    }
    byte[] line = Arrays.copyOf(fragment, (int) total);
    System.arraycopy(data, 0, line, fragmentLength, to);
    clearFragment();
    return line;
  }

  private void clearFragment() {
    fragmentLength = 0;
    if (fragment.length > RETAINED_BUFFER) {
      fragment = NO_BYTES;
    }
  }
}
