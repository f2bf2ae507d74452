package io.quiver.server;

import picocli.CommandLine.Command;

/** {@code quiver server ...}: Tremor's {@code tremor server} command group. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run a deployment server (Tremor's `tremor server`).",
    subcommands = {ServerRunCommand.class})
public final class ServerCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
