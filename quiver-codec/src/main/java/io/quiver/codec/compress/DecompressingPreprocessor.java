package io.quiver.codec.compress;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Decompresses every chunk as one complete compressed stream (Tremor's {@code gzip}, {@code zlib},
 * {@code xz2}, {@code snappy}, {@code lz4} preprocessors, plus {@code zstd}). With no fixed format
 * ({@code decompress}) the format is chosen by the chunk's magic bytes and a chunk without known
 * magic bytes passes unchanged, as in Tremor.
 *
 * <p>Stateless between chunks: a compressed stream split over several chunks must be framed (e.g.
 * {@code length-prefixed}) before it reaches this preprocessor.
 */
public final class DecompressingPreprocessor implements Preprocessor {
  /** The largest decompressed chunk accepted (256 MiB): a guard against decompression bombs. */
  public static final int DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;

  /** Tremor's {@code decompress} looks at the first six bytes only when there are six. */
  private static final int MAGIC_WINDOW = 6;

  private final String name;
  private final Compression format;
  private final int maxOutput;

  /**
   * @param format the fixed format, or {@code null} to detect it by magic bytes
   */
  public DecompressingPreprocessor(String name, Compression format, int maxOutput) {
    this.name = name;
    this.format = format;
    this.maxOutput = maxOutput;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    Compression f = format;
    if (f == null) {
      f = data.length >= MAGIC_WINDOW ? Compression.detect(data) : null;
      if (f == null) {
        out.add(data);
        return;
      }
    }
    if (data.length == 0) {
      if (f == Compression.SNAPPY) {
        // Tremor's snap crate writes nothing for an empty chunk and reads nothing back from it
        out.add(data);
        return;
      }
      // zstd would accept it as no frames; the other formats treat it alike, as the tools do
      throw new ProcessorException(message(f, data, new java.io.EOFException()));
    }
    try {
      out.add(f.decompress(data, maxOutput));
    } catch (IOException e) {
      throw new ProcessorException(message(f, data, e), e);
    }
  }

  private String message(Compression f, byte[] data, IOException e) {
    String reason;
    if (data.length == 0) {
      reason = "the input is empty";
    } else if (!f.startsLikeThis(data) && !(e instanceof Compression.OutputTooLarge)) {
      reason = "it does not start with the " + f.label() + " magic bytes " + f.magicText();
    } else if (e instanceof EOFException) {
      reason = "the input ends before the end of the compressed stream (truncated?)";
    } else if (e.getMessage() == null || e.getMessage().isBlank()) {
      reason = e.getClass().getSimpleName();
    } else {
      reason = e.getMessage();
    }
    return "Preprocessor "
        + name
        + ": invalid "
        + f.label()
        + " data in a chunk of "
        + data.length
        + " bytes: "
        + reason;
  }
}
