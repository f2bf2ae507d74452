package io.quiver.spi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How often a repeated log line is written: the first occurrence of a cause at once, then at most
 * one line per cause and interval, with the number of occurrences held back since the previous line
 * (callers log those at debug level, or not at all). The one rate limit for error and warning lines
 * that a flood of bad input or a recurring fault would otherwise repeat per event. Thread-safe; the
 * causes it remembers are bounded (past {@code maxCauses} it forgets them all and starts over).
 */
public final class LogThrottle {
  /** The interval of the runtime's and the connectors' error lines. */
  public static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  static final int DEFAULT_MAX_CAUSES = 1024;

  private static final class Cause {
    boolean logged;
    long nextNs;
    long heldBack;
  }

  private final Map<String, Cause> causes = new ConcurrentHashMap<>();
  private final long intervalNs;
  private final int maxCauses;
  private final LongSupplier clock;

  public LogThrottle(Duration interval) {
    this(interval, DEFAULT_MAX_CAUSES, System::nanoTime);
  }

  /** With {@code clock} (nanoseconds) instead of {@link System#nanoTime} (tests). */
  LogThrottle(Duration interval, int maxCauses, LongSupplier clock) {
    this.intervalNs = interval.toNanos();
    this.maxCauses = maxCauses;
    this.clock = clock;
  }

  /**
   * Whether an occurrence of {@code cause} is to be logged now.
   *
   * @return -1 to hold it back, else how many occurrences were held back since the last line
   */
  public long admit(String cause) {
    if (causes.size() >= maxCauses && !causes.containsKey(cause)) {
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
      c.nextNs = now + intervalNs;
      long held = c.heldBack;
      c.heldBack = 0;
      return held;
    }
  }

  /** {@link #admit(String)} for a throttle that serves a single cause. */
  public long admit() {
    return admit("");
  }

  /** The suffix for a log line after {@code heldBack} occurrences were held back. */
  public String heldBackNote(long heldBack) {
    if (heldBack <= 0) {
      return "";
    }
    Duration interval = Duration.ofNanos(intervalNs);
    String span =
        interval.toSecondsPart() == 0 && interval.toMinutes() > 0 && interval.toSeconds() % 60 == 0
            ? interval.toMinutes() + " min"
            : interval.toSeconds() + " s";
    return " (" + heldBack + " more like it in the last " + span + ")";
  }
}
