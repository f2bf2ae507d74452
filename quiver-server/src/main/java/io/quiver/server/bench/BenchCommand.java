package io.quiver.server.bench;

import picocli.CommandLine.Command;

/** {@code quiver bench}: load generators for benchmarking Quiver and its peers. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Load generators for benchmarks (see BENCHMARKS.md).",
    subcommands = {WsBenchCommand.class, EchoCommand.class, AbuseCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
