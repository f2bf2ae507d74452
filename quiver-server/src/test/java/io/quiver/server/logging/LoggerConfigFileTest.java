package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Which translator a {@code -l} file goes to, and the refusal of a missing one. */
class LoggerConfigFileTest {
  @TempDir Path dir;

  /** These tests reconfigure the process's logging: back to the class path's logback.xml. */
  @AfterEach
  void restoreLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void aLogbackXmlFileIsUsedAsItIs() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("logback.xml"),
            "<configuration><logger name=\"io.quiver.probe\" level=\"TRACE\"/></configuration>");
    LoggerConfigFile.apply(xml);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger("io.quiver.probe").getLevel()).isEqualTo(Level.TRACE);
  }

  @Test
  void aLog4rsYamlFileIsTranslated() throws Exception {
    Path yaml =
        Files.writeString(
            dir.resolve("logger.yaml"),
            "appenders:\n  e:\n    kind: console\n    target: stderr\n"
                + "root:\n  level: error\n  appenders: [e]\n"
                + "loggers:\n  tremor:\n    level: trace\n");
    LoggerConfigFile.apply(yaml);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger("io.quiver").getLevel()).isEqualTo(Level.TRACE);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel())
        .isEqualTo(Level.ERROR);
  }

  @Test
  void brokenLogbackFilesAreRefusedInOneLine() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.xml"), "<configuration><logger");
    assertThatThrownBy(() -> LoggerConfigFile.apply(broken))
        .isInstanceOf(LoggerConfigException.class)
        .hasMessageStartingWith(broken + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    Path unknownClass =
        Files.writeString(
            dir.resolve("unknown.xml"),
            "<configuration><appender name=\"x\" class=\"no.such.Appender\"/>"
                + "<root><appender-ref ref=\"x\"/></root></configuration>");
    assertThatThrownBy(() -> LoggerConfigFile.apply(unknownClass))
        .isInstanceOf(LoggerConfigException.class)
        .hasMessageStartingWith(unknownClass + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void xmlByExtensionOrContent() {
    assertThat(LoggerConfigFile.isXml(Path.of("logback.xml"), "")).isTrue();
    assertThat(LoggerConfigFile.isXml(Path.of("LOG.XML"), "")).isTrue();
    assertThat(LoggerConfigFile.isXml(Path.of("logger.conf"), "\n  <configuration/>")).isTrue();
    assertThat(LoggerConfigFile.isXml(Path.of("logger.yaml"), "root:\n  level: info\n")).isFalse();
    assertThat(LoggerConfigFile.isXml(Path.of("logger"), "---\nappenders: {}\n")).isFalse();
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> LoggerConfigFile.apply(Path.of("no/such/logger.yaml")))
        .isInstanceOf(LoggerConfigException.class)
        .hasMessage("no/such/logger.yaml: not found or not readable");
  }
}
