package io.quiver.codec.framing;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.spi.Postprocessor;
import java.util.List;

/**
 * Tremor's {@code ingest-ns} postprocessor: puts the event's ingest time (u64 big-endian) first.
 */
public final class IngestNsPostprocessor implements Postprocessor {
  public static final String NAME = "ingest-ns";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    out.add(LengthPrefixedPostprocessor.prefixed(ingestNs, data));
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPostprocessorProvider {
    public Provider() {
      super(NAME, IngestNsPostprocessor::new);
    }
  }
}
