package io.quiver.server.logging;

/** A logger configuration Quiver cannot apply; the message is one line naming file and key. */
public final class LoggerConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoggerConfigException(String message) {
    super(message);
  }
}
