package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.util.Optional;

/**
 * Tremor's {@code msgpack} codec: one MessagePack value per chunk (bytes after the first value are
 * ignored, as rmp-serde does). See {@link MsgpackReader} and {@link MsgpackWriter} for the mapping;
 * written for Quiver's value model (docs/codecs.md says why no library is used).
 */
public final class MsgpackCodec implements Codec {
  public static final String NAME = "msgpack";
  static final String ERROR_PREFIX = "Invalid MessagePack data: ";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    return Optional.of(new MsgpackReader(data).read());
  }

  @Override
  public byte[] encode(Value value) {
    return MsgpackWriter.write(value);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, MsgpackCodec::new);
    }
  }
}
