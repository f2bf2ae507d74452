package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code server run}'s flags as Tremor's cli.yaml defines them ({@code -h} is the API host). */
class ServerRunOptionsTest {

  private static ServerRunCommand parse(String... args) {
    ServerRunCommand options = new ServerRunCommand();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void tremorsShortFlagsAllParse() {
    ServerRunCommand o =
        parse(
            "-h",
            "127.0.0.1:9899",
            "-d",
            "store",
            "-p",
            "before.pid",
            "-n",
            "-r",
            "64",
            "-f",
            "before/ws.trickle",
            "before/config.yaml",
            "-l",
            "before/logger.yaml");
    assertThat(o.apiHost).isEqualTo("127.0.0.1:9899");
    assertThat(o.storageDirectory).isEqualTo(Path.of("store"));
    assertThat(o.pidFile).isEqualTo(Path.of("before.pid"));
    assertThat(o.noApi).isTrue();
    assertThat(o.recursionLimit).isEqualTo(64);
    assertThat(o.files)
        .containsExactly(Path.of("before/ws.trickle"), Path.of("before/config.yaml"));
    assertThat(o.loggerConfig).isEqualTo(Path.of("before/logger.yaml"));
  }

  @Test
  void tremorJsonComesFromTheFlagElseTheEnvironment() {
    assertThat(parse("-f", "a.trickle").tremorJsonSetting(null)).isFalse();
    assertThat(parse("-f", "a.trickle").tremorJsonSetting("TRUE")).isTrue();
    assertThat(parse("-f", "a.trickle").tremorJsonSetting("false")).isFalse();
    assertThat(parse("--tremor-json", "-f", "a.trickle").tremorJsonSetting("false")).isTrue();
    assertThat(parse("--no-tremor-json", "-f", "a.trickle").tremorJsonSetting("true")).isFalse();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(parse("-f", "a.trickle").tremorJsonSetting("yes")).isNull();
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("QUIVER_TREMOR_JSON is `yes`; set it to true or false");
  }

  @Test
  void defaultsAreTremors() {
    ServerRunCommand o = parse("-f", "a.trickle");
    assertThat(o.apiHost).isEqualTo("0.0.0.0:9898");
    assertThat(o.recursionLimit).isEqualTo(1024);
    assertThat(o.noApi).isFalse();
    assertThat(o.storageDirectory).isNull();
  }

  @Test
  void longFormsAndRepeatedFileOptions() {
    ServerRunCommand o =
        parse("--api-host", "h:1", "--no-api", "-f", "a.trickle", "--file", "b.yaml");
    assertThat(o.apiHost).isEqualTo("h:1");
    assertThat(o.files).containsExactly(Path.of("a.trickle"), Path.of("b.yaml"));
  }

  @Test
  void helpIsOnlyTheLongForm() {
    ServerRunCommand o = new ServerRunCommand();
    CommandLine cli = new CommandLine(o);
    cli.parseArgs("--help");
    assertThat(cli.isUsageHelpRequested()).isTrue();
  }

  @Test
  void anUnsupportedLoggerFileStopsTheStartInOneLine(@TempDir Path dir) throws Exception {
    Path logger =
        Files.writeString(
            dir.resolve("logger.yaml"),
            "appenders:\n  out:\n    kind: kafka\nroot:\n  appenders: [out]\n");
    ServerRunCommand o = parse("-n", "-l", logger.toString(), "-f", "a.trickle");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ServerRunner.run(o, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "quiver: logger config "
                + logger
                + ": appenders.out.kind: `kafka` is not supported; supported kinds: console, file,"
                + " rolling_file (or give a logback XML file)\n");
  }

  @Test
  void withoutFilesItRefusesToStartSayingWhy() throws Exception {
    ServerRunCommand o = parse("-n");
    assertThat(o.files).isEmpty();
    assertThat(o.call()).isEqualTo(2);
    assertThat(ServerRunCommand.NO_FILES).contains("-f FILE").contains("REST API");
  }
}
