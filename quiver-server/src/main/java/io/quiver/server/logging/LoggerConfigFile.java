package io.quiver.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code server run -l FILE}: a logback XML file (name ending in {@code .xml}, or text starting
 * with {@code <}) is given to logback as it is; anything else is read as Tremor's log4rs YAML and
 * translated ({@link Log4rsReader}, {@link LogbackTranslation}). The global {@code -v} is applied
 * after it.
 */
public final class LoggerConfigFile {
  private LoggerConfigFile() {}

  /**
   * Replaces the logging configuration with {@code file}'s.
   *
   * @throws LoggerConfigException with one line naming the file, the key and what is supported
   */
  public static void apply(Path file) throws LoggerConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoggerConfigException(file + ": not found or not readable");
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new LoggerConfigException(file + ": logging is not logback here; cannot apply it");
    }
    if (isXml(file, text)) {
      logback(file, context);
    } else {
      LogbackTranslation.install(
          Log4rsReader.read(text, file.toString()), context, file.toString());
    }
    Verbosity.apply(context, Verbosity.get());
  }

  static boolean isXml(Path file, String text) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
        || text.stripLeading().startsWith("<");
  }

  private static void logback(Path file, LoggerContext context) throws LoggerConfigException {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    long since = System.currentTimeMillis();
    try {
      configurator.doConfigure(file.toFile());
    } catch (JoranException e) {
      throw new LoggerConfigException(file + ": not a usable logback file: " + firstLine(e));
    }
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == Status.ERROR && s.getTimestamp() >= since) {
        throw new LoggerConfigException(file + ": " + firstLine(s.getMessage()));
      }
    }
  }

  private static String firstLine(Object o) {
    String s = o instanceof Throwable t ? String.valueOf(t.getMessage()) : String.valueOf(o);
    return s.lines().findFirst().orElse("");
  }
}
