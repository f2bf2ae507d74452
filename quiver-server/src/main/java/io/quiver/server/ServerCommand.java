package io.quiver.server;

import picocli.CommandLine.Command;

/** {@code quiver server ...}: Tremor's {@code tremor server} command group. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run a deployment server (Tremor's `tremor server`).",
    subcommands = {ServerRunCommand.class})
public final class ServerCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** As Tremor: {@code server} without {@code run} prints the help and exits 1. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 1;
  }
}
