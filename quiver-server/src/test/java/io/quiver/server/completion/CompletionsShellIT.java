package io.quiver.server.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.server.Main;
import io.quiver.server.completion.CompletionsCommand.Shell;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The generated scripts loaded into the real shells and asked what a TAB would offer: bash through
 * its completion function with {@code COMP_WORDS}/{@code COMP_CWORD} set as readline sets them,
 * fish through {@code complete -C}, zsh by typing into an interactive zsh on a pseudo-terminal.
 * Fish and zsh are skipped where they are not installed.
 */
class CompletionsShellIT {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("deploy.yaml"), "");
    Files.writeString(dir.resolve("deploy.trickle"), "");
    Files.writeString(dir.resolve("other.txt"), "");
  }

  private Path script(Shell shell) throws IOException {
    Path file = dir.resolve("quiver." + shell.name().toLowerCase());
    Files.writeString(file, CompletionsCommand.script(shell, new CommandLine(new Main())));
    return file;
  }

  /** What bash offers for the last word of {@code words}, the way readline calls the function. */
  private List<String> bash(String... words) throws Exception {
    Path script = script(Shell.BASH);
    String program =
        """
        source "$1"; shift
        fn=$(complete -p quiver | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        "$fn" quiver "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
        printf '%s\\n' "${COMPREPLY[@]}"
        """;
    return run(
        Stream.concat(
                Stream.of(
                    "bash", "--norc", "--noprofile", "-c", program, "bash", script.toString()),
                Stream.of(words))
            .toList());
  }

  /**
   * What fish offers after {@code line}: the candidates of {@code complete -C}, descriptions cut.
   */
  private List<String> fish(String line) throws Exception {
    Path script = script(Shell.FISH);
    return run(
            List.of(
                "fish",
                "--no-config",
                "-c",
                "source $argv[1]; complete -C$argv[2]",
                script.toString(),
                line))
        .stream()
        .map(l -> l.split("\t", 2)[0])
        .toList();
  }

  /** Runs a shell to its end (killed, with what it started, after a minute) and returns stdout. */
  private List<String> run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertThat(ended).as("%s ended within a minute", command.get(0)).isTrue();
    String text = out.get(30, TimeUnit.SECONDS);
    assertThat(p.exitValue()).as("%s: %s", command.get(0), text).isZero();
    return text.lines().filter(l -> !l.isEmpty()).toList();
  }

  private static boolean installed(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  @Test
  void bashCompletesSubcommandsOptionsAndFiles() throws Exception {
    assumeTrue(installed("bash"), "bash is not installed");
    assertThat(bash("quiver", "ser")).containsExactly("server");
    assertThat(bash("quiver", "server", "")).containsExactly("run");
    assertThat(bash("quiver", "server", "run", "--st")).containsExactly("--storage-directory");
    assertThat(bash("quiver", "server", "run", "-f", "dep"))
        .containsExactlyInAnyOrder("deploy.yaml", "deploy.trickle");
    assertThat(bash("quiver", "completions", ""))
        .containsExactlyInAnyOrder("bash", "zsh", "fish", "guess");
    assertThat(bash("quiver", "run", "--st")).isEmpty();
    assertThat(bash("quiver", "api", "binding", "act")).containsExactly("activate");
    assertThat(bash("quiver", "api", "--u")).containsExactly("--url");
  }

  @Test
  void fishCompletesSubcommandsOptionsAndFilesUnderTheirOwnCommand() throws Exception {
    assumeTrue(installed("fish"), "fish is not installed");
    assertThat(fish("quiver ser")).containsExactly("server");
    assertThat(fish("quiver server ")).containsExactly("run");
    assertThat(fish("quiver server run --st")).containsExactly("--storage-directory");
    assertThat(fish("quiver server run --no-t")).containsExactly("--no-tremor-json");
    assertThat(fish("quiver server run -f dep"))
        .containsExactlyInAnyOrder("deploy.trickle", "deploy.yaml");
    assertThat(fish("quiver completions "))
        .containsExactlyInAnyOrder("bash", "zsh", "fish", "guess");
    assertThat(fish("quiver api binding deac")).containsExactly("deactivate");
    // `run` alone is not `server run`; and a value of -i is not a subcommand
    assertThat(fish("quiver run --st")).isEmpty();
    assertThat(fish("quiver -i server ")).contains("server", "run", "completions");
  }

  /**
   * What zsh makes of {@code line} and a TAB, in a real interactive zsh on a pseudo-terminal (its
   * zpty module): the command line after completion, read back by typing {@code print} before it.
   */
  private String zsh(String line) throws Exception {
    Path script = script(Shell.ZSH);
    Path driver =
        Files.writeString(
            dir.resolve("drive.zsh"),
            """
            zmodload zsh/zpty
            zpty -b z 'zsh -f -i'
            zpty -w z "PS1='> '; autoload -U compinit; compinit -u; source ${(q)1}; quiver() { :; }"
            zpty -w -n z "$2"$'\\t\\x01print -r -- GOT${:-:}\\x0d'
            zpty -r z out '*GOT:*'$'\\n'
            print -r -- "$out" | tr -d '\\r' | grep -a '^GOT:'
            zpty -d z
            """);
    List<String> out = run(List.of("zsh", "-f", driver.toString(), script.toString(), line));
    assertThat(out).hasSize(1);
    return out.get(0).substring("GOT:".length());
  }

  @Test
  void zshCompletesThroughBashcompinit() throws Exception {
    assumeTrue(installed("zsh"), "zsh is not installed");
    assertThat(zsh("quiver ser")).isEqualTo("quiver server");
    assertThat(zsh("quiver server run --st")).isEqualTo("quiver server run --storage-directory");
    assertThat(zsh("quiver run --inp")).isEqualTo("quiver run --input");
    assertThat(zsh("quiver server run -f dep")).isEqualTo("quiver server run -f deploy.");
  }
}
