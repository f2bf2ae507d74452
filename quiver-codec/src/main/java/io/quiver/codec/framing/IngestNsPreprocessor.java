package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.util.Arrays;
import java.util.List;

/**
 * Tremor's {@code ingest-ns} preprocessor: strips the 8-byte big-endian ingest timestamp that the
 * {@code ingest-ns} postprocessor put in front of a chunk, and makes it the event's ingest time
 * ({@link #ingestNs(long)}), as Tremor does.
 */
public final class IngestNsPreprocessor implements Preprocessor {
  public static final String NAME = "ingest-ns";

  private long lastIngestNs;
  private boolean read;

  @Override
  public String name() {
    return NAME;
  }

  /** The timestamp of the last chunk processed (0 before the first). */
  public long lastIngestNs() {
    return lastIngestNs;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    if (data.length < Long.BYTES) {
      throw new ProcessorException("Extract Ingest Ts Preprocessor: < 8 byte");
    }
    lastIngestNs = LengthPrefixedPostprocessor.readLong(data, 0);
    read = true;
    out.add(Arrays.copyOfRange(data, Long.BYTES, data.length));
  }

  /** The timestamp the last chunk carried: the ingest time of what it held. */
  @Override
  public long ingestNs(long ingestNs) {
    return read ? lastIngestNs : ingestNs;
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, IngestNsPreprocessor::new);
    }
  }
}
