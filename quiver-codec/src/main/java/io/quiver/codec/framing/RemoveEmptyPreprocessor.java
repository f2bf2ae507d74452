package io.quiver.codec.framing;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.PreprocessorProvider;
import java.util.List;

/** Tremor's {@code remove-empty} preprocessor: drops empty chunks, passes the others. */
public final class RemoveEmptyPreprocessor implements Preprocessor {
  public static final String NAME = "remove-empty";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    if (data.length > 0) {
      out.add(data);
    }
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider implements PreprocessorProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Preprocessor create() {
      return new RemoveEmptyPreprocessor();
    }
  }
}
