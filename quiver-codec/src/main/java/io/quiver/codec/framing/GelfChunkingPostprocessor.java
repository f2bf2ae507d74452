package io.quiver.codec.framing;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.ProcessorException;
import java.util.List;

/**
 * Tremor's {@code gelf-chunking} postprocessor: splits every chunk into GELF chunks of at most 8192
 * bytes (12-byte header: {@code 0x1e 0x0f}, 8-byte message id counting up from 0 per instance,
 * sequence number, sequence count). Even a small chunk gets the header; an empty chunk gives no
 * output; more than 128 GELF chunks fail.
 */
public final class GelfChunkingPostprocessor implements Postprocessor {
  public static final String NAME = "gelf-chunking";
  public static final int DEFAULT_CHUNK_SIZE = 8192;
  private static final int HEADER = 12;
  private static final int MAX_CHUNKS = 128;

  private final int chunkSize;
  private long id;

  public GelfChunkingPostprocessor(int chunkSize) {
    if (chunkSize <= HEADER) {
      throw new IllegalArgumentException("chunk size must exceed the 12-byte header");
    }
    this.chunkSize = chunkSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    int payload = chunkSize - HEADER;
    int n = (data.length + payload - 1) / payload;
    if (n > MAX_CHUNKS) {
      throw new ProcessorException(
          "[GELF encoder] Maximum number of chunks is 128 this package would cause "
              + n
              + " chunks.");
    }
    long messageId = id++;
    for (int i = 0; i < n; i++) {
      int from = i * payload;
      int length = Math.min(payload, data.length - from);
      byte[] chunk = new byte[HEADER + length];
      chunk[0] = 0x1e;
      chunk[1] = 0x0f;
      for (int b = 0; b < Long.BYTES; b++) {
        chunk[2 + b] = (byte) (messageId >>> (56 - 8 * b));
      }
      chunk[10] = (byte) i;
      chunk[11] = (byte) n;
      System.arraycopy(data, from, chunk, HEADER, length);
      out.add(chunk);
    }
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPostprocessorProvider {
    public Provider() {
      super(NAME, () -> new GelfChunkingPostprocessor(DEFAULT_CHUNK_SIZE));
    }
  }
}
