package io.quiver.codec.compress;

import io.quiver.spi.Postprocessor;
import io.quiver.spi.ProcessorException;
import java.io.IOException;
import java.util.List;

/**
 * Compresses every chunk into one complete compressed stream (Tremor's {@code gzip}, {@code zlib},
 * {@code xz2}, {@code snappy}, {@code lz4} postprocessors, plus {@code zstd}); the matching
 * command-line tool or preprocessor decodes each chunk on its own.
 */
public final class CompressingPostprocessor implements Postprocessor {
  private final String name;
  private final Compression format;

  public CompressingPostprocessor(String name, Compression format) {
    this.name = name;
    this.format = format;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    try {
      out.add(format.compress(data));
    } catch (IOException | RuntimeException e) {
      throw new ProcessorException(
          "Postprocessor "
              + name
              + ": "
              + format.label()
              + " compression failed: "
              + e.getMessage(),
          e);
    }
  }
}
