package io.quiver.server.completion;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code quiver completions SHELL}: prints a completion script for the whole {@code quiver} command
 * line. As in Tremor, {@code guess} picks the shell from {@code $ZSH_NAME} or {@code $SHELL}, and
 * no shell at all prints this command's help.
 */
@Command(
    name = "completions",
    mixinStandardHelpOptions = true,
    description = {
      "Generate shell completions to stdout: bash, zsh or fish (Tremor's elvish and powershell are"
          + " not supported); guess picks the shell from $SHELL.",
      "Load them with: source <(quiver completions bash)"
    })
public final class CompletionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "bash", description = "Generate bash completions.")
  int bash() {
    return print(Shell.BASH);
  }

  @Command(name = "zsh", description = "Generate zsh completions (the bash script, bashcompinit).")
  int zsh() {
    return print(Shell.ZSH);
  }

  @Command(name = "fish", description = "Generate fish completions.")
  int fish() {
    return print(Shell.FISH);
  }

  @Command(name = "guess", description = "Generate completions for the shell in $ZSH_NAME/$SHELL.")
  int guess() {
    Optional<Shell> shell = Shell.guess(System.getenv());
    if (shell.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "quiver completions: unable to guess your shell from $SHELL ("
                  + System.getenv("SHELL")
                  + "); name one: bash, zsh or fish.");
      return 1;
    }
    return print(shell.get());
  }

  private int print(Shell shell) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(script(shell, spec.root().commandLine()));
    out.flush();
    return 0;
  }

  /** The completion script of {@code root} (the {@code quiver} command line) for {@code shell}. */
  public static String script(Shell shell, CommandLine root) {
    return switch (shell) {
      case BASH -> BashCompletion.bash(root);
      case ZSH -> BashCompletion.zsh(root);
      case FISH -> FishCompletion.fish(root.getCommandSpec());
    };
  }

  /** The shells Quiver writes completions for. */
  public enum Shell {
    BASH,
    ZSH,
    FISH;

    /** Tremor's guess: {@code $ZSH_NAME} means zsh, else the file name of {@code $SHELL}. */
    static Optional<Shell> guess(Map<String, String> env) {
      if (env.containsKey("ZSH_NAME")) {
        return Optional.of(ZSH);
      }
      String shell = env.getOrDefault("SHELL", "");
      String name = shell.substring(shell.lastIndexOf('/') + 1);
      return switch (name) {
        case "bash" -> Optional.of(BASH);
        case "zsh" -> Optional.of(ZSH);
        case "fish" -> Optional.of(FISH);
        default -> Optional.empty();
      };
    }
  }
}
