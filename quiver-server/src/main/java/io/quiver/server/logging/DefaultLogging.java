package io.quiver.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Quiver's logging when nothing else is configured, set up in code: Quiver's own loggers ({@code
 * io.quiver}) at {@code $QUIVER_LOG} (default info), Netty and the rest at warn, Kafka's network
 * client at error (it warns on every reconnect while a broker is away; the kafka connectors report
 * that once themselves), all to stderr so that stdout carries only data.
 *
 * <p>Logback finds this class as a service ({@code META-INF/services}) and runs it before its own
 * configurators. Set up in code rather than from a {@code logback.xml}, the server does not load
 * logback's XML configurator and the JDK's XML parser at start (about 650 classes, a few MB of
 * resident memory: docs/benchmarks/memory-s6.md). A logback file still wins: {@code
 * -Dlogback.configurationFile} or a {@code logback-test.xml} on the class path hand over to
 * logback's own configurators, and {@code server run -l FILE} replaces this configuration.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
  /** The layout of every line: time with offset, level, logger's simple name, message. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  /** The variable (environment, or system property) with the level of Quiver's own loggers. */
  static final String LEVEL_VARIABLE = "QUIVER_LOG";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || DefaultLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.ERROR);
    context.getLogger(LogbackTranslation.QUIVER).setLevel(quiverLevel(variable()));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code QUIVER_LOG} as a system property, else from the environment; null when unset. */
  private static String variable() {
    String value = System.getProperty(LEVEL_VARIABLE);
    return value != null ? value : System.getenv(LEVEL_VARIABLE);
  }

  /** The level named by {@code value} (any case); info when it is unset or names none. */
  static Level quiverLevel(String value) {
    return Level.toLevel(value, Level.INFO);
  }
}
