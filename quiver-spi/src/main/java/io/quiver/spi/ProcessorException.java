package io.quiver.spi;

/** A pre- or postprocessor failed; the message is what users see in error events. */
public class ProcessorException extends Exception {
  public ProcessorException(String message) {
    super(message);
  }

  public ProcessorException(String message, Throwable cause) {
    super(message, cause);
  }
}
