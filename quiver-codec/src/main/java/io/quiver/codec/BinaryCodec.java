package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.Optional;

/**
 * Tremor's {@code binary} codec: decodes any chunk into a bytes value; encodes bytes as they are, a
 * string as its UTF-8 bytes and, as Tremor 0.11 does (src/codec/binary.rs), any other value as
 * compact JSON.
 */
public final class BinaryCodec implements Codec {
  public static final String NAME = "binary";

  @Override
  public String name() {
    return NAME;
  }

  /** The bytes value takes ownership of {@code data}: callers must not modify it afterwards. */
  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) {
    return Optional.of(Value.of(data));
  }

  /**
   * A bytes value's own array (no copy: callers must not modify the result), a string's UTF-8
   * bytes, anything else as compact JSON.
   */
  @Override
  public byte[] encode(Value value) {
    return switch (value) {
      case Value.Bytes b -> b.value();
      case Value.Str s -> StringCodec.utf8(s);
      default -> Json.writeBytes(value);
    };
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, BinaryCodec::new);
    }
  }
}
