package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
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

  /** Always a fresh array, never the one inside a bytes value. */
  @Override
  public byte[] encode(Value value) {
    return switch (value) {
      case Value.Bytes b -> b.value().clone();
      case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
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
