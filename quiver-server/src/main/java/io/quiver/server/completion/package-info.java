/**
 * {@code quiver completions bash|zsh|fish|guess} (Tremor's {@code tremor completions}): shell
 * completion scripts generated from the command line's own model (picocli's {@link
 * picocli.CommandLine.Model.CommandSpec}), so a new subcommand or option is completed without
 * anyone editing a script. Bash comes from picocli's {@link picocli.AutoComplete}, zsh loads the
 * same script through {@code bashcompinit}, and {@link io.quiver.server.completion.FishCompletion}
 * writes fish's {@code complete} lines.
 */
package io.quiver.server.completion;
