package io.quiver.value;

/**
 * Reads and writes {@link Value}s as JSON.
 *
 * <p>Writing is compact (no whitespace), as Tremor's codecs write it.
 */
public final class Json {
  private Json() {}

  /** Parses exactly one JSON document (surrounding whitespace allowed). */
  public static Value parse(byte[] utf8) throws JsonException {
    throw new UnsupportedOperationException("TODO: Json.parse");
  }

  public static Value parse(String text) throws JsonException {
    throw new UnsupportedOperationException("TODO: Json.parse");
  }

  /** Compact JSON as UTF-8 bytes. Bytes values are written as an array of integers. */
  public static byte[] writeBytes(Value value) {
    throw new UnsupportedOperationException("TODO: Json.writeBytes");
  }

  /** Compact JSON text. */
  public static String write(Value value) {
    throw new UnsupportedOperationException("TODO: Json.write");
  }
}
