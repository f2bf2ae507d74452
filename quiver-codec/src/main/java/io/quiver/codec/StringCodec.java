package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.CodecProvider;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tremor's {@code string} codec: decodes strict UTF-8 into a string value; encodes a string as its
 * raw UTF-8 bytes (no quotes) and any other value as compact JSON.
 *
 * <p>Invalid UTF-8 fails with Rust's {@code Utf8Error} text, e.g. {@code invalid utf-8 sequence of
 * 1 bytes from index 0} or {@code incomplete utf-8 byte sequence from index 3}.
 */
public final class StringCodec implements Codec {
  public static final String NAME = "string";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    // One decoding pass: the JDK replaces every invalid sequence with U+FFFD, so only a string
    // holding U+FFFD (rare, and free to find in an all-Latin-1 string) needs the strict check.
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      Utf8.Error error = Utf8.findError(data, 0, data.length);
      if (error != null) {
        throw new CodecException(error.message());
      }
    }
    return Optional.of(Value.of(text));
  }

  @Override
  public byte[] encode(Value value) {
    if (value instanceof Value.Str s) {
      return s.value().getBytes(StandardCharsets.UTF_8);
    }
    return Json.writeBytes(value);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider implements CodecProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Codec create() {
      return new StringCodec();
    }
  }
}
