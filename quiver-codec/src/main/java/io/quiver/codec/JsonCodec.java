package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.util.Optional;

/**
 * Tremor's {@code json} codec: one JSON document per chunk (pair it with the {@code lines}
 * preprocessor for newline-delimited JSON); encodes compact JSON.
 *
 * <p>Decode errors read like Tremor's: {@code SIMD JSON error: <type> at character <i> ('<c>')}.
 */
public final class JsonCodec implements Codec {
  public static final String NAME = "json";

  /** Tremor's prefix for JSON decode errors (tremor-value's {@code Error::SimdJson} display). */
  static final String ERROR_PREFIX = "SIMD JSON error: ";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    try {
      return Optional.of(Json.parse(data));
    } catch (JsonException e) {
      throw new CodecException(ERROR_PREFIX + e.getMessage(), e);
    }
  }

  @Override
  public byte[] encode(Value value) {
    return Json.writeBytes(value);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, JsonCodec::new);
    }
  }
}
