package io.quiver.server.logging;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;

/**
 * The part of a log4rs 1.0 YAML file (Tremor's {@code -l} logger config) that Quiver translates:
 * appenders by name, the root logger and the named loggers.
 */
record Log4rsConfig(Map<String, Appender> appenders, Logger root, List<Logger> loggers) {

  /** log4rs's default encoder pattern. */
  static final String DEFAULT_PATTERN = "{d} {l} {t} - {m}{n}";

  Log4rsConfig {
    appenders = Map.copyOf(appenders);
    loggers = List.copyOf(loggers);
  }

  /** A logger: {@code level} is null when it inherits its parent's. */
  record Logger(String name, Level level, List<String> appenders, boolean additive) {
    Logger {
      appenders = List.copyOf(appenders);
    }
  }

  /** Where events go, with the log4rs pattern and the threshold filters of the appender. */
  sealed interface Appender {
    String pattern();

    List<Level> thresholds();
  }

  /** {@code kind: console}: stdout unless {@code target: stderr} (log4rs's default is stdout). */
  record Console(boolean stderr, String pattern, List<Level> thresholds) implements Appender {}

  /** {@code kind: file}. */
  record FileAppender(String path, boolean append, String pattern, List<Level> thresholds)
      implements Appender {}

  /**
   * {@code kind: rolling_file} with a compound policy: a size trigger and a fixed-window roller
   * ({@code archive} holds {@code {}} where the index goes; indexes {@code base .. base+count-1}).
   */
  record RollingFile(
      String path,
      boolean append,
      String pattern,
      List<Level> thresholds,
      long limitBytes,
      String archive,
      int base,
      int count)
      implements Appender {}
}
