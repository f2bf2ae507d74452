package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** log4rs patterns as logback patterns, checked by formatting real events with the result. */
class Log4rsPatternTest {
  private static final Instant AT = Instant.parse("2021-10-29T12:34:56.789Z");

  /** What logback prints for an INFO "hello" from logger io.quiver.X with {@code log4rs}. */
  private static String format(String log4rs) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(Log4rsPattern.translate(log4rs));
    layout.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("io.quiver.X"),
            Level.INFO,
            "hello {}",
            null,
            new Object[] {1});
    event.setInstant(AT);
    event.setThreadName("main-1");
    return layout.doLayout(event);
  }

  @Test
  void tremorsDefaultPatternTranslates() {
    assertThat(Log4rsPattern.translate("{d} {l} {t} - {m}{n}"))
        .isEqualTo("%d{\"yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx\"} %level %logger - %msg%n");
    String line = format("{l} {t} - {m}{n}");
    assertThat(line).isEqualTo("INFO io.quiver.X - hello 1" + System.lineSeparator());
  }

  @Test
  void theDefaultDateIsIso8601WithTheLocalOffset() {
    String expected =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .format(AT.atZone(java.time.ZoneId.systemDefault()));
    assertThat(format("{d}")).isEqualTo(expected);
  }

  @Test
  void strftimeDatesInUtcAndLocal() {
    assertThat(format("{d(%Y-%m-%d %H:%M:%S%.3f)(utc)}")).isEqualTo("2021-10-29 12:34:56.789");
    assertThat(format("{date(%d/%b/%Y:%T %z)(utc)}")).isEqualTo("29/Oct/2021:12:34:56 +0000");
    assertThat(format("{d(%F at %Hh)(utc)}")).isEqualTo("2021-10-29 at 12h");
    String local =
        DateTimeFormatter.ofPattern("HH:mm").format(AT.atZone(java.time.ZoneId.systemDefault()));
    assertThat(format("{d(%R)}")).isEqualTo(local);
    assertThat(AT.atOffset(ZoneOffset.UTC).getYear()).isEqualTo(2021);
  }

  @Test
  void workshopPatternsWithBracketsAndLiteralText() {
    assertThat(format("[{l}]- {m}{n}")).isEqualTo("[INFO]- hello 1" + System.lineSeparator());
    assertThat(format("100% {{braces}} (paren) \\ {m}"))
        .isEqualTo("100% {braces} (paren) \\ hello 1");
  }

  @Test
  void widthAlignmentAndTruncation() {
    assertThat(format("{l:<6}|")).isEqualTo("INFO  |");
    assertThat(format("{l:>6}|")).isEqualTo("  INFO|");
    assertThat(format("{m:.3}|")).isEqualTo("hel|");
  }

  @Test
  void moreFormatters() {
    assertThat(format("{T} {M} {h({l})}")).startsWith("main-1 io.quiver.X ").contains("INFO");
    assertThat(format("{P}")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(format("{X(user)(nobody)}")).isEqualTo("nobody");
    assertThat(format("{D(debug only)}{R(release)}")).isEqualTo("release");
    assertThat(format("{({l}:{m}):<12}|")).isEqualTo("INFO:hello 1|");
  }

  @Test
  void unsupportedPartsAreNamed() {
    assertThatThrownBy(() -> Log4rsPattern.translate("{x} {m}"))
        .hasMessageContaining("{x} is not supported")
        .hasMessageContaining("supported: d, l, m");
    assertThatThrownBy(() -> Log4rsPattern.translate("{d(%s)}"))
        .hasMessageContaining("%s is not supported");
    assertThatThrownBy(() -> Log4rsPattern.translate("{m")).hasMessageContaining("expected `}`");
    assertThatThrownBy(() -> Log4rsPattern.translate("{l:*<5}"))
        .hasMessageContaining("fill characters");
    assertThatThrownBy(() -> Log4rsPattern.translate("a } b")).hasMessageContaining("unbalanced");
  }
}
