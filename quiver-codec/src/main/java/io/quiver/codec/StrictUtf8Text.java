package io.quiver.codec;

import io.quiver.spi.CodecException;
import io.quiver.value.Utf8;
import java.nio.charset.StandardCharsets;

/**
 * The text of a textual codec's input, checked as strictly as Rust's {@code std::str::from_utf8}:
 * invalid UTF-8 fails the decode with Rust's message instead of becoming replacement characters.
 */
final class StrictUtf8Text {
  private StrictUtf8Text() {}

  /** All of {@code data} as text; invalid UTF-8 fails with {@code errorPrefix} + Rust's message. */
  static String decode(byte[] data, String errorPrefix) throws CodecException {
    return decode(data, 0, data.length, errorPrefix);
  }

  /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code data} as text. */
  static String decode(byte[] data, int from, int to, String errorPrefix) throws CodecException {
    Utf8.Error error = Utf8.findError(data, from, to);
    if (error != null) {
      throw new CodecException(errorPrefix + error.message());
    }
    return new String(data, from, to - from, StandardCharsets.UTF_8);
  }
}
