package io.quiver.server;

import io.quiver.value.TremorJson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver server run -f FILES...}: loads a deployment and runs it until stopped. */
@Command(
    name = "run",
    versionProvider = QuiverVersion.class,
    description = {
      "Load .trickle pipelines and .yaml artefacts (onramps, offramps, bindings, mappings) and run them",
      "until SIGINT/SIGTERM. All .trickle files load first, then the YAML files in the order given.",
      "Tremor's REST API and the /health and /ready probes listen on --api-host unless -n."
    })
public final class ServerRunCommand implements Callable<Integer> {
  /** Tremor's default API address. */
  static final String DEFAULT_API_HOST = "0.0.0.0:9898";

  @Option(
      names = {"--help"},
      usageHelp = true,
      description = "Show this help and exit (-h is --api-host, as in Tremor).")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;

  @Option(
      names = {"-f", "--file"},
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Artefact files to load (.trickle, .yaml, .yml). Optional while the REST API is on:"
              + " artefacts can come later over it.")
  List<Path> files = List.of();

  @Option(
      names = {"-d", "--storage-directory"},
      paramLabel = "DIR",
      description =
          "After every REST API call that changes the deployment, write its configuration"
              + " (onramps, offramps, bindings, mappings) to DIR/config_<epoch ns>.yaml, as Tremor"
              + " does. Created when missing.")
  Path storageDirectory;

  @Option(
      names = {"-p", "--pid"},
      paramLabel = "PIDFILE",
      description = "Write the process id to this file.")
  Path pidFile;

  @Option(
      names = {"-l", "--logger-config"},
      paramLabel = "LOGGER_CONFIG",
      description =
          "Logger configuration: Tremor's log4rs YAML (console, file and rolling_file appenders,"
              + " levels, root and loggers are translated to logback) or a logback XML file.")
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
          "Do not start the REST API: nothing listens on --api-host (no /health, /ready or"
              + " /metrics either).")
  boolean noApi;

  @Option(
      names = {"-h", "--api-host"},
      paramLabel = "HOST:PORT",
      defaultValue = DEFAULT_API_HOST,
      description = "REST API address HOST:PORT, default ${DEFAULT-VALUE}.")
  String apiHost = DEFAULT_API_HOST;

  @Option(
      names = {"-r", "--recursion-limit"},
      paramLabel = "N",
      defaultValue = "1024",
      description =
          "How often a tremor-script function may recur, and how deeply user functions"
              + " may call each other (default: ${DEFAULT-VALUE}).")
  int recursionLimit = io.quiver.script.RecursionLimit.DEFAULT;

  @Option(
      names = "--tremor-json",
      negatable = true,
      description = {
        "Write JSON byte for byte as Tremor 0.11 does: its key order after it copies an event (a",
        "hash order) and its float reading (sometimes a unit in the last place off), for checks",
        "that compare Tremor's output. Without the flag: QUIVER_TREMOR_JSON (true or false);",
        "default: insertion order and exact numbers."
      })
  Boolean tremorJson;

  static final String TREMOR_JSON_ENV = "QUIVER_TREMOR_JSON";

  /**
   * The flag, else {@code QUIVER_TREMOR_JSON}, else off; null (after saying why on stderr) when the
   * variable holds something else than true or false.
   */
  Boolean tremorJsonSetting(String env) {
    if (tremorJson != null) {
      return tremorJson;
    }
    if (env == null || env.isBlank()) {
      return false;
    }
    return switch (env.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        System.err.println(
            "quiver: "
                + TREMOR_JSON_ENV
                + " is `"
                + env
                + "`; set it to true or false (or use --tremor-json / --no-tremor-json)");
        yield null;
      }
    };
  }

  static final String NO_FILES =
      "quiver: server run: no artefacts to run and no REST API to take them (-n); give them with"
          + " -f FILE... or leave the API on";

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() && noApi) {
      System.err.println(NO_FILES);
      return 2;
    }
    try {
      io.quiver.script.RecursionLimit.set(recursionLimit);
    } catch (IllegalArgumentException e) {
      System.err.println("quiver: " + e.getMessage());
      return 1;
    }
    Boolean json = tremorJsonSetting(System.getenv(TREMOR_JSON_ENV));
    if (json == null) {
      return 2;
    }
    TremorJson.enable(json);
    return ServerRunner.run(this);
  }
}
