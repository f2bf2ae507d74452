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
 * raw UTF-8 bytes (no quotes) and any other value as compact JSON. A string passed through
 * unchanged is never copied: the value keeps the bytes it was decoded from and encodes as them.
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

  /**
   * Checks {@code data} (strict UTF-8) and takes it over as the string's bytes: no copy, and no
   * {@code String} until something reads the text ({@link Value.Str#ofUtf8}). The caller must not
   * modify {@code data} afterwards.
   */
  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    Utf8.Error error = Utf8.findError(data, 0, data.length);
    if (error != null) {
      throw new CodecException(error.message());
    }
    return Optional.of(Value.Str.ofUtf8(data));
  }

  /** {@link #decode} without the scan: the caller checked {@code data} to be strict UTF-8. */
  @Override
  public Optional<Value> decodeUtf8(byte[] data, long ingestNs) {
    return Optional.of(Value.Str.ofUtf8(data));
  }

  /**
   * A string's UTF-8 bytes (the very array it was decoded from when nothing changed it: callers
   * must not modify the result), any other value as compact JSON.
   */
  @Override
  public byte[] encode(Value value) {
    if (value instanceof Value.Str s) {
      return utf8(s);
    }
    return Json.writeBytes(value);
  }

  /** The string's UTF-8 bytes: those it was made from, if any, else encoded. */
  static byte[] utf8(Value.Str s) {
    byte[] kept = s.utf8OrNull();
    return kept != null ? kept : s.value().getBytes(StandardCharsets.UTF_8);
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
