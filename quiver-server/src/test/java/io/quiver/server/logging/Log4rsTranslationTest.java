package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log4rs YAML files of the shapes Tremor's packages and examples ship, installed into logback. */
class Log4rsTranslationTest {
  @TempDir Path dir;

  private final LoggerContext context = new LoggerContext();

  {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  private void install(String yaml) throws LoggerConfigException {
    LogbackTranslation.install(Log4rsReader.read(yaml, "logger.yaml"), context, "logger.yaml");
  }

  private static List<String> appenderNames(Logger logger) {
    List<String> names = new ArrayList<>();
    for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
            logger.iteratorForAppenders();
        it.hasNext(); ) {
      names.add(it.next().getName());
    }
    return names;
  }

  @Test
  void dockerShapeConsoleRootWarnTremorCratesAtInfoNotAdditive() throws Exception {
    install(
        """
        # Scan this file for changes every 30 seconds
        refresh_rate: 30 seconds
        appenders:
          stdout:
            kind: console
        root:
          level: warn
          appenders:
            - stdout
        loggers:
          tremor_runtime:
            level: info
            appenders:
              - stdout
            additive: false
          tremor:
            level: info
            appenders:
              - stdout
            additive: false
        """);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(appenderNames(root)).containsExactly("stdout");
    Logger quiver = context.getLogger("io.quiver");
    assertThat(quiver.getLevel()).isEqualTo(Level.INFO);
    assertThat(quiver.isAdditive()).isFalse();
    assertThat(appenderNames(quiver)).containsExactly("stdout");
    var console = (ConsoleAppender<?>) root.getAppender("stdout");
    assertThat(console.getTarget()).isEqualTo("System.out");
    assertThat(console.isStarted()).isTrue();
    assertThat(context.getLogger("io.quiver.runtime.X").isInfoEnabled()).isTrue();
    assertThat(context.getLogger("io.netty.Y").isInfoEnabled()).isFalse();
  }

  @Test
  void packagedShapeFileWithPatternReceivesQuiverLines() throws Exception {
    Path log = dir.resolve("var/log/tremor/tremor.log");
    install(
        """
        ---
        refresh_rate: 30 seconds
        appenders:
          file:
            kind: file
            path: "%s"
            encoder:
              pattern: "{l} {M} - {m}{n}"
        root:
          level: warn
          appenders:
            - file
        loggers:
          tremor_runtime:
            level: info
            appenders:
              - file
            additive: false
        """
            .formatted(log));
    context.getLogger("io.quiver.runtime.World").info("started {}", "ok");
    context.getLogger("io.quiver.runtime.World").debug("not shown");
    context.getLogger("com.example.Other").info("not shown either");
    context.getLogger("com.example.Other").warn("shown");
    context.stop();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "INFO io.quiver.runtime.World - started ok", "WARN com.example.Other - shown");
  }

  @Test
  void workshopShapeMergesTremorLoggersAndKeepsOtherCratesByName() throws Exception {
    install(
        """
        appenders:
          stdout:
            kind: console
            target: stderr
          file:
            kind: file
            path: "%s"
            encoder:
              pattern: "[{d} {l}]- {m}{n}"
        root:
          level: debug
          appenders: [stdout, file]
        loggers:
          tide:
            level: debug
            appenders: [stdout]
            additive: false
          tremor_runtime:
            level: info
            appenders: [stdout, file]
            additive: false
          tremor:
            level: trace
            appenders: [stdout]
        """
            .formatted(dir.resolve("t.log")));
    Logger quiver = context.getLogger("io.quiver");
    assertThat(quiver.getLevel()).isEqualTo(Level.TRACE);
    assertThat(quiver.isAdditive()).isFalse();
    assertThat(appenderNames(quiver)).containsExactly("stdout", "file");
    assertThat(context.getLogger("tide").getLevel()).isEqualTo(Level.DEBUG);
    var console =
        (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stdout");
    assertThat(console.getTarget()).isEqualTo("System.err");
  }

  @Test
  void rollingFileWithSizeTriggerAndFixedWindow() throws Exception {
    Path log = dir.resolve("roll/app.log");
    install(
        """
        appenders:
          roll:
            kind: rolling_file
            path: "%s"
            filters:
              - kind: threshold
                level: info
            policy:
              kind: compound
              trigger:
                kind: size
                limit: 1 kb
              roller:
                kind: fixed_window
                pattern: "%s"
                base: 1
                count: 3
        root:
          level: trace
          appenders: [roll]
        """
            .formatted(log, dir.resolve("roll/app.{}.log")));
    var appender =
        (RollingFileAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("roll");
    var roller = (FixedWindowRollingPolicy) appender.getRollingPolicy();
    assertThat(roller.getFileNamePattern()).endsWith("app.%i.log");
    assertThat(roller.getMinIndex()).isEqualTo(1);
    assertThat(roller.getMaxIndex()).isEqualTo(3);
    Logger logger = context.getLogger("x");
    logger.debug("filtered by the threshold");
    logger.info("kept");
    context.stop();
    assertThat(Files.readString(log)).contains("kept").doesNotContain("filtered");
  }

  @Test
  void anEmptyFileLogsNothingButIsAccepted() throws Exception {
    install("");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void sizesCountInPowersOf1024AsLog4rsDoes() throws Exception {
    for (String[] c :
        new String[][] {
          {"2048", "2048"}, {"10 kb", "10240"}, {"1mb", "1048576"}, {"1 GiB", "1073741824"}
        }) {
      Log4rsConfig config =
          Log4rsReader.read(
              """
              appenders:
                r:
                  kind: rolling_file
                  path: x.log
                  policy:
                    trigger: {kind: size, limit: %s}
                    roller: {kind: fixed_window, pattern: "x.{}.log", count: 2}
              """
                  .formatted(c[0]),
              "l.yaml");
      assertThat(((Log4rsConfig.RollingFile) config.appenders().get("r")).limitBytes())
          .as(c[0])
          .isEqualTo(Long.parseLong(c[1]));
    }
  }

  @Test
  void unsupportedOrBrokenFilesAreRefusedInOneLineNamingTheKey() {
    String[][] cases = {
      {
        "appenders:\n  s:\n    kind: syslog\n",
        "logger.yaml: appenders.s.kind: `syslog` is not supported; supported kinds: console, file, rolling_file"
      },
      {
        "appenders:\n  s:\n    encoder:\n      kind: pattern\n",
        "logger.yaml: appenders.s.kind: missing"
      },
      {
        "appenders:\n  s:\n    kind: console\n    encoder:\n      kind: json\n",
        "appenders.s.encoder.kind: `json` is not supported; only `pattern` is"
      },
      {
        "root:\n  level: loud\n",
        "root.level: `loud` is no level; give off, error, warn, info, debug or trace"
      },
      {
        "root:\n  appenders: [nope]\n",
        "root.appenders: appender `nope` is not defined under appenders"
      },
      {
        "loggers:\n  tremor:\n    level: info\n    additiv: false\n",
        "loggers.tremor.additiv: not supported here; supported: additive, appenders, level"
      },
      {"refresh_rate: 30 seconds\nappender: {}\n", "logger.yaml: appender: not supported here"},
      {"appenders:\n  f:\n    kind: file\n", "appenders.f.path: missing"},
      {
        "appenders:\n  r:\n    kind: rolling_file\n    path: x.log\n    policy:\n      trigger: {kind: time}\n      roller: {kind: delete}\n",
        "appenders.r.policy.trigger.kind: only `size` is supported"
      },
      {
        "appenders:\n  r:\n    kind: rolling_file\n    path: x.log\n    policy:\n      trigger: {kind: size, limit: 1mb}\n      roller: {kind: delete}\n",
        "appenders.r.policy.roller.kind: only `fixed_window` is supported (not `delete`)"
      },
      {
        "appenders:\n  c:\n    kind: console\n    filters:\n      - kind: regex\n",
        "appenders.c.filters[0].kind: only `threshold` filters are supported"
      },
      {"root: [a, b]\n", "logger.yaml: root: must be a mapping"},
      {"root:\n  level: [unclosed\n", "logger.yaml: not valid YAML"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> install(c[0]))
          .as(c[0])
          .isInstanceOf(LoggerConfigException.class)
          .hasMessageContaining(c[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aBadPatternIsRefusedBeforeAnythingChanges() {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.ERROR);
    assertThatThrownBy(
            () ->
                install(
                    "appenders:\n  c:\n    kind: console\n    encoder:\n      pattern: \"{q}\"\n"
                        + "root:\n  level: trace\n  appenders: [c]\n"))
        .hasMessageContaining("appenders.c.encoder.pattern: the formatter {q} is not supported");
    assertThat(root.getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void anUnwritableLogFileIsRefusedNamingIt() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    assertThatThrownBy(
            () ->
                install(
                    "appenders:\n  f:\n    kind: file\n    path: \""
                        + blocker.resolve("x.log")
                        + "\"\nroot:\n  appenders: [f]\n"))
        .hasMessageContaining("appenders.f.path: cannot write")
        .hasMessageContaining("give a writable path");
  }

  @Test
  void rustModulePathsBecomeJavaLoggerNames() {
    assertThat(LogbackTranslation.javaName("tremor")).isEqualTo("io.quiver");
    assertThat(LogbackTranslation.javaName("tremor_runtime::sink::ws")).isEqualTo("io.quiver");
    assertThat(LogbackTranslation.javaName("tremor_pipeline")).isEqualTo("io.quiver");
    assertThat(LogbackTranslation.javaName("tide::server")).isEqualTo("tide.server");
    assertThat(LogbackTranslation.javaName("io.netty")).isEqualTo("io.netty");
  }
}
