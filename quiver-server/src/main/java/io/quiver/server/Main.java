package io.quiver.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quiver} command line. */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    versionProvider = QuiverVersion.class,
    description = "Quiver: an event-processing engine that runs Tremor 0.11 deployments.",
    subcommands = {
      ServerCommand.class,
      io.quiver.server.lang.RunCommand.class,
      io.quiver.server.cli.WsCommand.class,
      io.quiver.server.cli.UpCommand.class,
      io.quiver.server.bench.BenchCommand.class,
      io.quiver.server.lang.ConformanceCommand.class,
      io.quiver.server.lang.JsonSuiteCommand.class,
      io.quiver.server.testing.TestCommand.class,
      DocCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    NettyDefaults.apply();
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
