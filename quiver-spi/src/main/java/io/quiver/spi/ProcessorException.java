package io.quiver.spi;

/** A pre- or postprocessor failed; the message is what users see in error events. */
public class ProcessorException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProcessorException(String message) {
    super(message);
  }

  public ProcessorException(String message, Throwable cause) {
    super(message, cause);
  }
}
