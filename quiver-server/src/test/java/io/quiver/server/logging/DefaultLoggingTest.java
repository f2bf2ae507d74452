package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Quiver's logging set up in code: what it configures and that logback finds it. */
class DefaultLoggingTest {
  @Test
  void quiverAtInfoTheRestAtWarnKafkasNetworkClientAtErrorAllToStderr() {
    LoggerContext context = new LoggerContext();
    DefaultLogging logging = new DefaultLogging();
    logging.setContext(context);

    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getLevel())
        .isEqualTo(Level.ERROR);
    // QUIVER_LOG is not set for the tests: info
    assertThat(context.getLogger("io.quiver").getLevel())
        .isEqualTo(DefaultLogging.quiverLevel(System.getenv("QUIVER_LOG")));
    assertThat(context.getLogger("io.quiver.connectors").getEffectiveLevel())
        .isEqualTo(context.getLogger("io.quiver").getLevel());
    assertThat(context.getLogger("org.apache.kafka.clients.Metadata").getEffectiveLevel())
        .isEqualTo(Level.WARN);

    ConsoleAppender<ILoggingEvent> stderr =
        (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    assertThat(stderr).isNotNull();
    assertThat(stderr.isStarted()).isTrue();
    assertThat(stderr.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
        .isEqualTo(DefaultLogging.PATTERN);
  }

  @Test
  void quiverLogNamesTheLevelOfQuiversLoggersInAnyCaseElseInfo() {
    assertThat(DefaultLogging.quiverLevel("debug")).isEqualTo(Level.DEBUG);
    assertThat(DefaultLogging.quiverLevel("TRACE")).isEqualTo(Level.TRACE);
    assertThat(DefaultLogging.quiverLevel("error")).isEqualTo(Level.ERROR);
    assertThat(DefaultLogging.quiverLevel(null)).isEqualTo(Level.INFO);
    assertThat(DefaultLogging.quiverLevel("loud")).isEqualTo(Level.INFO);
  }

  @Test
  void aLogbackFileNamedBySystemPropertyHandsOverToLogbacksOwnConfigurators() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "some-logback.xml");
    try {
      LoggerContext context = new LoggerContext();
      DefaultLogging logging = new DefaultLogging();
      logging.setContext(context);
      assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }

  @Test
  void logbackFindsItAsAService() {
    List<Class<?>> found =
        ServiceLoader.load(Configurator.class).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();
    assertThat(found).contains(DefaultLogging.class);
  }

  @Test
  void theProcessLoggingIsThisConfiguration() {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
        .isInstanceOf(ConsoleAppender.class);
    assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getLevel())
        .isEqualTo(Level.ERROR);
  }
}
