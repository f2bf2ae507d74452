package io.quiver.value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes {@link Value}s as JSON.
 *
 * <p>Reading is strict RFC 8259 over UTF-8 bytes: exactly one document with optional surrounding
 * whitespace; integers that fit a {@code long} become {@link Value.Int}, every other number a
 * {@link Value.Float}; duplicate keys keep the last value; nesting deeper than {@value #MAX_DEPTH}
 * levels is rejected. Error messages name a simd-json-like error type and the byte offset relative
 * to the document start and the character found there, e.g. {@code TrailingCharacters at character
 * 7 ('}')} or {@code Eof at character 4} (input ended). An empty or whitespace-only document gives
 * simd-json 0.4's exact text {@code Eof at character 0 ('💩')}, as Tremor 0.11 shows it.
 *
 * <p>Writing is compact (no whitespace), as Tremor's codecs write it: keys in insertion order,
 * non-ASCII text as UTF-8, floats in Rust's ryu style ({@link FloatText}), NaN and infinities as
 * {@code null}, bytes as a base64 string (standard alphabet, padded) as Tremor's value writer does.
 */
public final class Json {
  /**
   * Deepest nesting of arrays/objects {@link #parse} accepts (also the bound of the msgpack
   * decoder). Every consumer of a value (writers, equality, hashing, the interpreter) walks it
   * recursively; 512 levels keep each of them well within a 1 MiB thread stack (a Netty event
   * loop's) even before the JIT compiled it, where about 900 levels were measured to fit.
   */
  public static final int MAX_DEPTH = 512;

  private static final int WRITER_INITIAL = 1024;

  /** A thread's writer keeps a buffer up to this size between documents. */
  private static final int WRITER_KEPT = 64 * 1024;

  /** A writer per thread for the compact forms, so its buffer grows once, not per document. */
  private static final ThreadLocal<JsonWriter> WRITER =
      ThreadLocal.withInitial(() -> new JsonWriter(false, WRITER_INITIAL));

  /** A reader per thread: its scratch stacks and key cache are kept between documents. */
  private static final ThreadLocal<JsonReader> READER = ThreadLocal.withInitial(JsonReader::new);

  private Json() {}

  private static JsonWriter writer() {
    JsonWriter w = WRITER.get();
    w.reset();
    return w;
  }

  /** Parses exactly one JSON document (surrounding whitespace allowed). */
  public static Value parse(byte[] utf8) throws JsonException {
    return READER.get().read(utf8, 0, utf8.length);
  }

  /**
   * Parses exactly one JSON document in {@code utf8[offset, offset + length)}, without copying.
   * Offsets in errors are relative to {@code offset}.
   */
  public static Value parse(byte[] utf8, int offset, int length) throws JsonException {
    return READER.get().read(utf8, offset, offset + length);
  }

  public static Value parse(String text) throws JsonException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Compact JSON as UTF-8 bytes. Bytes values are written as base64 strings. */
  public static byte[] writeBytes(Value value) {
    JsonWriter w = writer();
    try {
      w.write(value);
      return w.toByteArray();
    } finally {
      w.shrink(WRITER_KEPT, WRITER_INITIAL);
    }
  }

  /** Compact JSON text. */
  public static String write(Value value) {
    JsonWriter w = writer();
    try {
      w.write(value);
      return new String(w.buffer(), 0, w.length(), StandardCharsets.UTF_8);
    } finally {
      w.shrink(WRITER_KEPT, WRITER_INITIAL);
    }
  }

  /** Appends the compact JSON of {@code value} to {@code out}. */
  public static void writeTo(Value value, ByteArrayOutputStream out) {
    JsonWriter w = writer();
    try {
      w.write(value);
      out.write(w.buffer(), 0, w.length());
    } finally {
      w.shrink(WRITER_KEPT, WRITER_INITIAL);
    }
  }

  /**
   * Compact JSON text with the keys of every record sorted (by UTF-16 code units): a canonical form
   * for comparing documents whose key order does not matter, e.g. against golden files.
   */
  public static String writeSorted(Value value) {
    JsonWriter w = new JsonWriter(true, 64);
    w.write(value);
    return new String(w.buffer(), 0, w.length(), StandardCharsets.UTF_8);
  }
}
