package io.quiver.codec.framing;

import io.quiver.codec.NamedPostprocessorProvider;
import io.quiver.spi.Postprocessor;
import java.util.List;

/**
 * Tremor's {@code length-prefixed} postprocessor: the chunk's length as u64 big-endian, then the
 * chunk.
 */
public final class LengthPrefixedPostprocessor implements Postprocessor {
  public static final String NAME = "length-prefixed";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    out.add(prefixed(data.length, data));
  }

  static byte[] prefixed(long prefix, byte[] data) {
    byte[] framed = new byte[Long.BYTES + data.length];
    for (int i = 0; i < Long.BYTES; i++) {
      framed[i] = (byte) (prefix >>> (56 - 8 * i));
    }
    System.arraycopy(data, 0, framed, Long.BYTES, data.length);
    return framed;
  }

  static long readLong(byte[] data, int at) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (data[at + i] & 0xFF);
    }
    return v;
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPostprocessorProvider {
    public Provider() {
      super(NAME, LengthPrefixedPostprocessor::new);
    }
  }
}
