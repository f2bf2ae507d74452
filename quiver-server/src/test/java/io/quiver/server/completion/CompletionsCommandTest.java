package io.quiver.server.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import io.quiver.server.completion.CompletionsCommand.Shell;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The scripts name every subcommand and option of the real command line (walked from its model, so
 * a new one is checked without editing this test); the command itself as Tremor's CLI suite runs
 * it.
 */
class CompletionsCommandTest {
  private static final CommandLine ROOT = new CommandLine(new Main());

  private record Result(int code, String out, String err) {}

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

  /** Every visible command below the root, depth first. */
  private static List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    collect(ROOT.getCommandSpec(), all);
    return all;
  }

  private static void collect(CommandSpec c, List<CommandSpec> out) {
    out.add(c);
    c.subcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .filter(s -> !s.usageMessage().hidden())
        .distinct()
        .forEach(s -> collect(s, out));
  }

  private static String path(CommandSpec c) {
    return c.parent() == null ? c.name() : path(c.parent()) + " " + c.name();
  }

  @Test
  void theCommandLineHasTheSubcommandsThisTestIsAbout() {
    assertThat(commands().stream().map(CompletionsCommandTest::path))
        .contains(
            "quiver server run",
            "quiver run",
            "quiver completions fish",
            "quiver test",
            "quiver api binding activate",
            "quiver api pipeline create")
        .hasSizeGreaterThan(15);
  }

  @Test
  void bashNamesEverySubcommandAndOption() {
    String bash = CompletionsCommand.script(Shell.BASH, ROOT);
    for (CommandSpec c : commands()) {
      if (c.parent() != null) {
        assertThat(bash).as(path(c)).containsPattern("[\\s(\"]" + c.name() + "[\\s)\"]");
      }
      for (OptionSpec o : c.options()) {
        for (String name : o.names()) {
          assertThat(bash)
              .as(path(c) + " " + name)
              .containsPattern("['\\s]" + Pattern.quote(name) + "['\\s]");
        }
      }
    }
    assertThat(bash).contains("complete -F _complete_quiver");
  }

  @Test
  void zshIsTheBashScriptUnderCompdef() {
    String zsh = CompletionsCommand.script(Shell.ZSH, ROOT);
    assertThat(zsh).startsWith("#compdef quiver\n").contains("bashcompinit");
    assertThat(zsh).endsWith(CompletionsCommand.script(Shell.BASH, ROOT));
  }

  @Test
  void fishHasALineForEverySubcommandAndOptionUnderItsOwnPath() {
    String fish = CompletionsCommand.script(Shell.FISH, ROOT);
    for (CommandSpec c : commands()) {
      String at = "complete -c quiver -n '__quiver_at \"" + path(c) + "\"'";
      if (c.parent() != null) {
        assertThat(fish)
            .as(path(c))
            .contains(" '" + path(c) + "'")
            .contains(
                "complete -c quiver -n '__quiver_at \""
                    + path(c.parent())
                    + "\"' -a '"
                    + c.name()
                    + "'");
      }
      for (OptionSpec o : c.options()) {
        List<String> flags = new ArrayList<>();
        for (String name : FishCompletion.names(c, o)) {
          flags.add(name.startsWith("--") ? "-l " + name.substring(2) : "-s " + name.substring(1));
        }
        assertThat(fish.lines().filter(l -> l.startsWith(at + " ")))
            .as(path(c) + " " + List.of(o.names()))
            .anyMatch(l -> flags.stream().allMatch(l::contains));
      }
    }
  }

  @Test
  void fishCompletesFilesForFileOptionsAndNoFilesWhereSubcommandsAreExpected() {
    String fish = CompletionsCommand.script(Shell.FISH, ROOT);
    assertThat(fish.lines())
        .anyMatch(
            l ->
                l.startsWith(
                        "complete -c quiver -n '__quiver_at \"quiver server run\"' -s f -l file")
                    && l.endsWith(" -r -F"))
        .anyMatch(
            l ->
                l.startsWith(
                        "complete -c quiver -n '__quiver_at \"quiver server run\"' -l drain-timeout-ms")
                    && l.endsWith(" -x"))
        .contains("complete -c quiver -n '__quiver_at \"quiver\"' -f")
        .contains("complete -c quiver -n '__quiver_at \"quiver server\"' -f")
        .doesNotContain("complete -c quiver -n '__quiver_at \"quiver server run\"' -f");
    assertThat(fish)
        .contains("'quiver server run -f'", "'quiver server run --file'", "'quiver -i'");
  }

  @Test
  void fishQuotesDescriptionsAndTakesTheirFirstSentence() {
    assertThat(FishCompletion.quote("Tremor's \\ way")).isEqualTo("'Tremor\\'s \\\\ way'");
    assertThat(FishCompletion.summary(new String[] {"One thing.", "And more.%nStill more."}))
        .isEqualTo("One thing.");
    assertThat(FishCompletion.summary(new String[] {"A name (e.g. x.y)"}))
        .isEqualTo("A name (e.g. x.y)");
  }

  @Test
  void theCommandPrintsEachScriptOnStdout() {
    for (String shell : new String[] {"bash", "zsh", "fish"}) {
      Result r = main("completions", shell);
      assertThat(r.code()).as(shell).isZero();
      assertThat(r.err()).as(shell).isEmpty();
      assertThat(r.out())
          .as(shell)
          .isEqualTo(
              CompletionsCommand.script(
                  Shell.valueOf(shell.toUpperCase()), new CommandLine(new Main())));
    }
  }

  @Test
  void withoutAShellItPrintsItsHelpNamingTremorsShellsAsTheCliSuiteExpects() {
    Result r = main("completions");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("bash", "zsh", "fish", "elvish", "powershell", "guess");
    assertThat(main("help", "completions").out()).isEqualTo(r.out());
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Result r = main("completions", "tcsh");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("tcsh");
  }

  @Test
  void guessReadsZshNameThenTheShellsFileName() {
    assertThat(Shell.guess(Map.of("ZSH_NAME", "zsh", "SHELL", "/bin/bash"))).contains(Shell.ZSH);
    assertThat(Shell.guess(Map.of("SHELL", "/usr/bin/fish"))).contains(Shell.FISH);
    assertThat(Shell.guess(Map.of("SHELL", "/bin/bash"))).contains(Shell.BASH);
    assertThat(Shell.guess(Map.of("SHELL", "/bin/tcsh"))).isEmpty();
    assertThat(Shell.guess(Map.of())).isEmpty();
  }
}
