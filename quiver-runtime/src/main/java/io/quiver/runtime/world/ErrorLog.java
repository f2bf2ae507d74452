package io.quiver.runtime.world;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rate limit for error log lines: one line per cause every {@link #INTERVAL_NS}, with the number
 * of occurrences held back since the previous line. Thread-safe; the causes it remembers are
 * bounded (past {@link #MAX_CAUSES} it forgets them all and starts over).
 */
final class ErrorLog {
  static final long INTERVAL_NS = 10_000_000_000L;
  static final int MAX_CAUSES = 1024;

  private static final class Cause {
    boolean logged;
    long nextNs;
    long heldBack;
  }

  private final Map<String, Cause> causes = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  ErrorLog() {
    this(System::nanoTime);
  }

  /** With {@code clock} (nanoseconds) instead of {@link System#nanoTime} (tests). */
  ErrorLog(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Whether an occurrence of {@code cause} is to be logged now.
   *
   * @return -1 to hold it back, else how many occurrences were held back since the last line
   */
  long admit(String cause) {
    if (causes.size() >= MAX_CAUSES && !causes.containsKey(cause)) {
      causes.clear();
    }
    Cause c = causes.computeIfAbsent(cause, k -> new Cause());
    long now = clock.getAsLong();
    synchronized (c) {
      if (c.logged && now - c.nextNs < 0) {
        c.heldBack++;
        return -1;
      }
      c.logged = true;
      c.nextNs = now + INTERVAL_NS;
      long held = c.heldBack;
      c.heldBack = 0;
      return held;
    }
  }

  /** The suffix for a log line after {@code heldBack} occurrences were held back. */
  static String heldBackNote(long heldBack) {
    return heldBack > 0 ? " (" + heldBack + " more like it in the last " + INTERVAL_NS / 1_000_000_000L + " s)" : "";
  }
}
