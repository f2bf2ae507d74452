package io.quiver.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver server run -f FILES...}: loads a deployment and runs it until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Load .trickle pipelines and .yaml artefacts (onramps, offramps, bindings, mappings) and run them",
      "until SIGINT/SIGTERM. All .trickle files load first, then the YAML files in the order given.",
      "There is no REST API yet: --no-api is accepted and --api-host is ignored."
    })
public final class ServerRunCommand implements Callable<Integer> {

  @Option(
      names = {"-f", "--file"},
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "Artefact files to load (.trickle, .yaml, .yml).")
  List<Path> files;

  @Option(
      names = {"-p", "--pid"},
      paramLabel = "PIDFILE",
      description = "Write the process id to this file.")
  Path pidFile;

  @Option(
      names = {"-l", "--logger-config"},
      paramLabel = "LOGGER_CONFIG",
      description =
          "Logback XML configuration file (Tremor used log4rs YAML; give a logback file here).")
  Path loggerConfig;

  @Option(
      names = {"--drain-timeout-ms"},
      paramLabel = "MS",
      defaultValue = "5000",
      description = {
        "On SIGINT/SIGTERM: how long, after no new connections and messages are taken, the requests",
        "already taken get to be answered before the rest get an error answer and every client is",
        "closed with 1001 (going away). Default: ${DEFAULT-VALUE}."
      })
  long drainTimeoutMs;

  @Option(
      names = {"-n", "--no-api"},
      description =
          "Do not start the REST API (there is no API yet; accepted for Tremor compatibility).")
  boolean noApi;

  @Option(
      names = {"--api-host"},
      paramLabel = "HOST:PORT",
      description = "REST API address (there is no API yet; accepted and ignored).")
  String apiHost;

  @Option(
      names = {"-r", "--recursion-limit"},
      paramLabel = "N",
      defaultValue = "1024",
      description =
          "How often a tremor-script function may recur, and how deeply user functions"
              + " may call each other (default: ${DEFAULT-VALUE}).")
  int recursionLimit = io.quiver.script.RecursionLimit.DEFAULT;

  @Override
  public Integer call() throws Exception {
    try {
      io.quiver.script.RecursionLimit.set(recursionLimit);
    } catch (IllegalArgumentException e) {
      System.err.println("quiver: " + e.getMessage());
      return 1;
    }
    return ServerRunner.run(this);
  }
}
