package io.quiver.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import io.quiver.server.logging.Log4rsConfig.Appender;
import io.quiver.server.logging.Log4rsConfig.Console;
import io.quiver.server.logging.Log4rsConfig.Logger;
import io.quiver.server.logging.Log4rsConfig.RollingFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Installs a {@link Log4rsConfig} into logback: each appender with its translated pattern and
 * threshold filters, the root logger, and the named loggers. Rust module paths become Java logger
 * names: {@code tremor}, {@code tremor_runtime} and every other {@code tremor_*} crate are Quiver's
 * own code ({@code io.quiver}); other names keep their segments ({@code a::b} is {@code a.b}).
 * Loggers that land on one name are merged: the most verbose level, all their appenders, additive
 * only if all are.
 */
final class LogbackTranslation {
  static final String QUIVER = "io.quiver";

  private LogbackTranslation() {}

  /** The Java logger name of a log4rs (Rust module path) logger. */
  static String javaName(String rust) {
    String first = rust.split("::", 2)[0];
    if (first.equals("tremor") || first.startsWith("tremor_")) {
      return QUIVER;
    }
    return rust.replace("::", ".");
  }

  /** The loggers of {@code config} by Java name, merged. */
  static Map<String, Logger> merged(List<Logger> loggers) {
    Map<String, Logger> out = new LinkedHashMap<>();
    for (Logger l : loggers) {
      String name = javaName(l.name());
      Logger had = out.get(name);
      if (had == null) {
        out.put(name, new Logger(name, l.level(), l.appenders(), l.additive()));
        continue;
      }
      LinkedHashSet<String> appenders = new LinkedHashSet<>(had.appenders());
      appenders.addAll(l.appenders());
      out.put(
          name,
          new Logger(
              name,
              moreVerbose(had.level(), l.level()),
              List.copyOf(appenders),
              had.additive() && l.additive()));
    }
    return out;
  }

  private static Level moreVerbose(Level a, Level b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.toInt() <= b.toInt() ? a : b;
  }

  /** Checks what can fail (patterns, files), then replaces logback's configuration. */
  static void install(Log4rsConfig config, LoggerContext context, String file)
      throws LoggerConfigException {
    Map<String, String> patterns = new LinkedHashMap<>();
    for (var e : config.appenders().entrySet()) {
      try {
        patterns.put(e.getKey(), Log4rsPattern.translate(e.getValue().pattern()));
      } catch (IllegalArgumentException ex) {
        throw new LoggerConfigException(
            file + ": appenders." + e.getKey() + ".encoder.pattern: " + ex.getMessage());
      }
      String path = pathOf(e.getValue());
      if (path != null) {
        writable(Path.of(path), file + ": appenders." + e.getKey() + ".path");
      }
    }
    context.reset();
    Map<String, OutputStreamAppender<ILoggingEvent>> built = new LinkedHashMap<>();
    config
        .appenders()
        .forEach((name, a) -> built.put(name, appender(name, a, patterns.get(name), context)));
    attach(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), config.root(), built);
    for (Logger l : merged(config.loggers()).values()) {
      attach(context.getLogger(l.name()), l, built);
    }
  }

  private static void attach(
      ch.qos.logback.classic.Logger target,
      Logger spec,
      Map<String, OutputStreamAppender<ILoggingEvent>> built) {
    target.setLevel(spec.level());
    target.setAdditive(spec.additive());
    for (String name : spec.appenders()) {
      target.addAppender(built.get(name));
    }
  }

  private static String pathOf(Appender a) {
    return switch (a) {
      case Log4rsConfig.FileAppender f -> f.path();
      case RollingFile r -> r.path();
      case Console c -> null;
    };
  }

  /** log4rs creates missing parent directories; a file that cannot be written is refused. */
  private static void writable(Path path, String where) throws LoggerConfigException {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (Files.exists(path) ? !Files.isWritable(path) : !Files.isWritable(parent)) {
        throw new IOException("not writable");
      }
    } catch (IOException | SecurityException e) {
      throw new LoggerConfigException(
          where + ": cannot write " + path + " (" + e.getMessage() + "); give a writable path");
    }
  }

  private static OutputStreamAppender<ILoggingEvent> appender(
      String name, Appender spec, String pattern, LoggerContext context) {
    OutputStreamAppender<ILoggingEvent> appender =
        switch (spec) {
          case Console c -> {
            ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
            a.setTarget(c.stderr() ? "System.err" : "System.out");
            yield a;
          }
          case Log4rsConfig.FileAppender f -> {
            FileAppender<ILoggingEvent> a = new FileAppender<>();
            a.setFile(f.path());
            a.setAppend(f.append());
            yield a;
          }
          case RollingFile r -> rolling(r, context);
        };
    appender.setContext(context);
    appender.setName(name);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    appender.setEncoder(encoder);
    for (Level level : spec.thresholds()) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setContext(context);
      filter.setLevel(level.levelStr);
      filter.start();
      appender.addFilter(filter);
    }
    appender.start();
    return appender;
  }

  private static RollingFileAppender<ILoggingEvent> rolling(RollingFile r, LoggerContext context) {
    RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
    a.setContext(context);
    a.setFile(r.path());
    a.setAppend(r.append());
    FixedWindowRollingPolicy roller = new FixedWindowRollingPolicy();
    roller.setContext(context);
    roller.setParent(a);
    roller.setFileNamePattern(r.archive().replace("{}", "%i"));
    roller.setMinIndex(r.base());
    roller.setMaxIndex(r.base() + r.count() - 1);
    roller.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(r.limitBytes()));
    trigger.start();
    a.setRollingPolicy(roller);
    a.setTriggeringPolicy(trigger);
    return a;
  }
}
