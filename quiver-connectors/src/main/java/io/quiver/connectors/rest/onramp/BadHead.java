package io.quiver.connectors.rest.onramp;

/** A request head the onramp refuses: the status to answer and why. */
final class BadHead extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  BadHead(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** A malformed request: 400. */
  static BadHead malformed(String message) {
    return new BadHead(400, message);
  }

  int status() {
    return status;
  }
}
