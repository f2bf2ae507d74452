package io.quiver.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver up DIR}: starts every server an example needs, supervises them until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the servers an example needs and run them until Ctrl-C.",
      "",
      "DIR/up.yaml lists them, started in order: name, dir (relative to up.yaml)",
      "and listen (a port to wait for). Without up.yaml, DIR is the one server.",
      "Each runs as `quiver server run -f <its .trickle and .yaml files>`, its",
      "output prefixed with [name]. When one exits, the others keep running (as",
      "with docker compose up), so you can stop an upstream and watch the proxy",
      "answer; --abort-on-exit stops them all instead, with exit code 1.",
      "A server with `command: [program, args...]` is a service run as given",
      "(e.g. the Kafka broker of examples/23_kafka_gd) instead of a Quiver server.",
      "",
      "Example: quiver up examples/33_proxies_lt_ws",
      ""
    })
public final class UpCommand implements Callable<Integer> {
  /** How long a server gets to accept connections on its port. */
  static final Duration LISTEN_DEADLINE = Duration.ofSeconds(30);

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "The example's folder (default: the current one).")
  Path dir;

  @Option(
      names = {"--abort-on-exit"},
      description = {
        "When a server exits, stop all the others and exit 1",
        "(by default they keep running: kill the upstream's pid shown",
        "in the ready line to see how the proxy answers while it is down)."
      })
  boolean abortOnExit;

  private final PrintStream out;
  private final PrintStream err;

  public UpCommand() {
    this(System.out, System.err);
  }

  public UpCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    UpConfig config;
    try {
      config = UpConfig.load(dir);
    } catch (UpConfigException e) {
      e.problems().forEach(p -> err.println("quiver up: " + p));
      return 1;
    }
    Supervisor supervisor =
        new Supervisor(ServerLaunch.quiverServerRun(), out, err, LISTEN_DEADLINE);
    Thread hook = new Thread(() -> stopOnSignal(supervisor), "quiver-up-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (!supervisor.start(config.servers())) {
        return 1;
      }
      out.println(readyLine(config.servers(), supervisor::pid));
      out.flush();
      return supervisor.awaitExit(!abortOnExit);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook stops the servers and ends the process
      }
    }
  }

  /** {@code quiver up: all servers are running: upstream (localhost:8139, pid 12), ...}. */
  static String readyLine(List<UpServer> servers, ToLongFunction<String> pid) {
    return "quiver up: all servers are running: "
        + servers.stream()
            .map(
                s ->
                    s.name()
                        + " ("
                        + (s.listen() == null ? "" : "localhost:" + s.listen() + ", ")
                        + "pid "
                        + pid.applyAsLong(s.name())
                        + ")")
            .collect(Collectors.joining(", "))
        + ". Press Ctrl-C to stop.";
  }

  /**
   * Ctrl-C or SIGTERM: stop the servers, then end with 0 (a signal would otherwise give 130/143).
   */
  private void stopOnSignal(Supervisor supervisor) {
    try {
      supervisor.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("quiver up: stopped");
    out.flush();
    err.flush();
    Runtime.getRuntime().halt(0);
  }
}
