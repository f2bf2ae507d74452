package io.quiver.spi;

/** A codec could not decode or encode; the message is what users see in error events. */
public class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
