package io.quiver.server.completion;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Bash completions from picocli's {@link AutoComplete} (subcommands at any depth, options, files
 * for {@code Path} options such as {@code -f}), and zsh's: the same script loaded through zsh's
 * {@code bashcompinit}, as picocli's script sets up itself when it runs in zsh.
 */
final class BashCompletion {
  static final String NAME = "quiver";

  private BashCompletion() {}

  static String bash(CommandLine root) {
    return AutoComplete.bash(NAME, root);
  }

  /** The bash script under {@code #compdef quiver} (Tremor's zsh script starts so too). */
  static String zsh(CommandLine root) {
    return "#compdef " + NAME + "\n" + bash(root);
  }
}
