package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which translator a {@code -l} file goes to, and the refusal of a missing one. */
class LoggerConfigFileTest {

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
