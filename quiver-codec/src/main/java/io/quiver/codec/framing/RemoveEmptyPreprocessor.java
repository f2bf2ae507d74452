package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.Preprocessor;
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
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, RemoveEmptyPreprocessor::new);
    }
  }
}
