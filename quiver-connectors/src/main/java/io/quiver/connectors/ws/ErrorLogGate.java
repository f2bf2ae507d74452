package io.quiver.connectors.ws;

import io.quiver.spi.LogThrottle;
import org.slf4j.Logger;

/**
 * Logs {@link Throwable}s that a websocket connection or session contained (a bug, the JVM out of
 * stack or heap) at ERROR, at most once per place and cause every ten seconds, process-wide.
 */
final class ErrorLogGate {
  private static final LogThrottle THROTTLE = new LogThrottle(LogThrottle.TEN_SECONDS);

  private ErrorLogGate() {}

  /**
   * Logs {@code message} with {@code t} unless a line for the same place and cause was logged
   * lately.
   */
  static void error(Logger log, String where, String message, Throwable t) {
    long heldBack = THROTTLE.admit(where + " " + t.getClass().getName());
    if (heldBack >= 0) {
      log.error(message + THROTTLE.heldBackNote(heldBack), t);
    }
  }
}
