package io.quiver.codec.framing;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.spi.Postprocessor;
import java.util.Base64;
import java.util.List;

/** Tremor's {@code base64} postprocessor: standard base64 with padding, no line breaks. */
public final class Base64Postprocessor implements Postprocessor {
  public static final String NAME = "base64";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    out.add(Base64.getEncoder().encode(data));
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPostprocessorProvider {
    public Provider() {
      super(NAME, Base64Postprocessor::new);
    }
  }
}
