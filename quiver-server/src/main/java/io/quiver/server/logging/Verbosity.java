package io.quiver.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The global {@code -v/--verbose} (repeatable): {@code -v} logs Quiver's own code ({@code
 * io.quiver}) at debug level, {@code -vv} at trace and everything else at debug. It only makes
 * logging more verbose, never less, and is applied again after a {@code -l} logger config.
 */
public final class Verbosity {
  private static volatile int count;

  private Verbosity() {}

  /** Records {@code times} (the number of {@code -v}) and applies it to logback. */
  public static void set(int times) {
    count = Math.max(0, times);
    apply();
  }

  public static int get() {
    return count;
  }

  /** Raises the levels for the recorded count (nothing when it is 0). */
  static void apply() {
    if (count == 0) {
      return;
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      apply(context, count);
    }
  }

  static void apply(LoggerContext context, int times) {
    if (times <= 0) {
      return;
    }
    raise(context.getLogger(LogbackTranslation.QUIVER), times == 1 ? Level.DEBUG : Level.TRACE);
    if (times >= 2) {
      raise(context.getLogger(Logger.ROOT_LOGGER_NAME), Level.DEBUG);
    }
  }

  private static void raise(Logger logger, Level level) {
    if (!logger.isEnabledFor(level)) {
      logger.setLevel(level);
    }
  }
}
