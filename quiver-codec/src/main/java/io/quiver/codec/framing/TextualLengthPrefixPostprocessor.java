package io.quiver.codec.framing;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.spi.Postprocessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tremor's {@code textual-length-prefix} postprocessor (RFC 5425 octet counting): the chunk's
 * length in decimal, a space, then the chunk.
 */
public final class TextualLengthPrefixPostprocessor implements Postprocessor {
  public static final String NAME = "textual-length-prefix";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    byte[] digits = (data.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[digits.length + data.length];
    System.arraycopy(digits, 0, framed, 0, digits.length);
    System.arraycopy(data, 0, framed, digits.length, data.length);
    out.add(framed);
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPostprocessorProvider {
    public Provider() {
      super(NAME, TextualLengthPrefixPostprocessor::new);
    }
  }
}
