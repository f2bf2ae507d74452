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
      io.quiver.server.api.ApiCommand.class,
      DocCommand.class,
      io.quiver.server.completion.CompletionsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = {"-v", "--verbose"},
      description =
          "More log output: -v logs Quiver at debug level, -vv at trace (and the rest at debug).")
  boolean[] verbose = new boolean[0];

  @CommandLine.Option(
      names = {"-i", "--instance"},
      paramLabel = "ID",
      defaultValue = io.quiver.script.InstanceName.DEFAULT,
      description = "Instance name, what system::instance() returns (default: ${DEFAULT-VALUE}).")
  String instance;

  public static void main(String[] args) {
    NettyDefaults.apply();
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    Main main = new Main();
    CommandLine cli = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    TremorHelpLayout.apply(cli);
    cli.setExecutionStrategy(parsed -> main.applyGlobals(parsed));
    if (args.length == 0) {
      return main.missingCommand(cli);
    }
    return cli.execute(args);
  }

  /** The global options take effect before the subcommand runs. */
  private int applyGlobals(CommandLine.ParseResult parsed) {
    if (instance.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-i/--instance: give a name");
    }
    io.quiver.script.InstanceName.set(instance);
    io.quiver.server.logging.Verbosity.set(verbose.length);
    return new CommandLine.RunLast().execute(parsed);
  }

  /** As Tremor: no subcommand is a usage error (exit 2) with the help on stderr. */
  private int missingCommand(CommandLine cli) {
    cli.usage(System.err);
    return 2;
  }

  @Override
  public Integer call() {
    return missingCommand(spec.commandLine());
  }
}
