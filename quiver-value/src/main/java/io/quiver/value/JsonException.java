package io.quiver.value;

/** A JSON document could not be read. {@link #offset()} is the byte offset of the problem. */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public JsonException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
