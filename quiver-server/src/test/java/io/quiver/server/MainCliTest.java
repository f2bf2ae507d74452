package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.script.InstanceName;
import io.quiver.server.logging.Verbosity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top level as Tremor's CLI tests (tremor-cli/tests/cli/command.yml) pin it: no arguments is
 * exit 2 with the help on stderr; {@code -h} is help on stdout; {@code -V} names tremor; the global
 * {@code -i} and {@code -v}.
 */
class MainCliTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  @AfterEach
  void restore() {
    InstanceName.set(InstanceName.DEFAULT);
    Verbosity.set(0);
  }

  private static synchronized Result main(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void noArgumentsExitsTwoWithTremorsHelpSectionsOnStderr() {
    Result r = main();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .contains("USAGE:", "FLAGS:", "OPTIONS:", "SUBCOMMANDS:")
        .anyMatch(l -> l.contains("-v, --verbose"))
        .anyMatch(l -> l.contains("-i, --instance=ID"))
        .anyMatch(l -> l.startsWith("  server "));
  }

  @Test
  void globalOptionsWithoutASubcommandAreStillAUsageError() {
    Result r = main("-v");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("SUBCOMMANDS:");
  }

  @Test
  void dashHAndHelpPrintTheHelpOnStdoutWithExitZero() {
    for (String flag : new String[] {"-h", "--help"}) {
      Result r = main(flag);
      assertThat(r.code()).as(flag).isZero();
      assertThat(r.out().lines()).contains("USAGE:", "FLAGS:", "OPTIONS:", "SUBCOMMANDS:");
    }
  }

  @Test
  void versionNamesTremorInLowerCaseAsTheCliSuiteExpects() {
    for (String flag : new String[] {"-V", "--version"}) {
      Result r = main(flag);
      assertThat(r.code()).isZero();
      assertThat(r.out()).startsWith("quiver ").contains("tremor");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void versionIsTheMavenProjectVersionAndTheExactTremorRelease() {
    String quiver = System.getProperty("quiver.expected.version");
    String tremor = System.getProperty("quiver.expected.tremor");
    assertThat(quiver).as("set by surefire from the pom").isNotBlank();
    assertThat(tremor).matches("\\d+\\.\\d+\\.\\d+");

    assertThat(main("-V").out())
        .isEqualTo("quiver " + quiver + " (runs tremor " + tremor + " deployments)\n");
    assertThat(main("server", "run", "-V").out()).isEqualTo(main("--version").out());
  }

  @Test
  void instanceIsWhatSystemInstanceReturnsInScripts() throws Exception {
    Path script =
        Files.writeString(dir.resolve("i.tremor"), "use tremor::system;\nsystem::instance()\n");
    Path in = Files.writeString(dir.resolve("in.json"), "1\n");
    Path out = dir.resolve("out.json");

    assertThat(main("run", script.toString(), "-i", in.toString(), "-o", out.toString()).code())
        .isZero();
    assertThat(Files.readString(out)).isEqualTo("\"tremor\"\n");

    Result r =
        main("-i", "edge-7", "run", script.toString(), "-i", in.toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("\"edge-7\"\n");
  }

  @Test
  void verboseIsCountedBeforeTheSubcommandRuns() {
    assertThat(main("-vv", "server", "run", "-n").code()).isEqualTo(2);
    assertThat(Verbosity.get()).isEqualTo(2);
  }

  @Test
  void serverWithoutRunPrintsItsHelpAndExitsOne() {
    Result r = main("server");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out().lines()).contains("USAGE:", "SUBCOMMANDS:");
  }

  @Test
  void anEmptyInstanceNameIsAUsageError() {
    Result r = main("-i", "", "server", "run", "-f", "x.trickle");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("-i/--instance");
  }
}
