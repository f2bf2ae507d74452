package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.value.Value;
import java.util.Optional;

/**
 * Tremor's {@code null} codec: every chunk decodes to {@code null} (one event per chunk, its data
 * ignored); every value encodes to no bytes.
 */
public final class NullCodec implements Codec {
  public static final String NAME = "null";
  private static final byte[] NOTHING = new byte[0];

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) {
    return Optional.of(Value.NULL);
  }

  @Override
  public byte[] encode(Value value) {
    return NOTHING;
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, NullCodec::new);
    }
  }
}
