package io.quiver.connectors.otel;

/** A value that does not have Tremor's OTLP event shape; the message is Tremor's text. */
public final class OtelMappingException extends Exception {
  private static final long serialVersionUID = 1L;

  public OtelMappingException(String message) {
    super(message, null, false, false);
  }
}
