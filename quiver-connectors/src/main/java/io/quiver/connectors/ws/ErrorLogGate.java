package io.quiver.connectors.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs {@link Throwable}s that a websocket connection or session contained (a bug, the JVM out of
 * stack or heap) at ERROR, at most once per cause every {@link #INTERVAL_NS}, process-wide; the
 * causes remembered are bounded.
 */
final class ErrorLogGate {
  static final long INTERVAL_NS = 10_000_000_000L;
  private static final int MAX_CAUSES = 256;
  private static final Map<String, Long> LAST_LOGGED = new ConcurrentHashMap<>();

  private ErrorLogGate() {}

  /** Logs {@code message} with {@code t} unless a line for the same place and cause was logged lately. */
  static void error(Logger log, String where, String message, Throwable t) {
    String cause = where + " " + t.getClass().getName();
    long now = System.nanoTime();
    if (LAST_LOGGED.size() >= MAX_CAUSES && !LAST_LOGGED.containsKey(cause)) {
      LAST_LOGGED.clear();
    }
    boolean[] admitted = {false};
    LAST_LOGGED.compute(cause, (k, last) -> {
      if (last == null || now - last >= INTERVAL_NS) {
        admitted[0] = true;
        return now;
      }
      return last;
    });
    if (admitted[0]) {
      log.error(message, t);
    }
  }
}
