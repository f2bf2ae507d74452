package io.quiver.server.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver api}: Tremor's {@code tremor api} client (tremor-cli/src/api.rs, cli.yaml): {@code
 * version}, and {@code list}, {@code fetch}, {@code create}, {@code delete}, {@code instance} for
 * onramps, offramps, pipelines and bindings, plus {@code binding activate|deactivate}.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Tremor API client (Tremor's `tremor api`): list, fetch, publish and unpublish artefacts and",
      "activate binding instances of a running `quiver server run` (or Tremor server)."
    },
    subcommands = {
      ApiCommand.Version.class,
      ApiCommand.Onramp.class,
      ApiCommand.Offramp.class,
      ApiCommand.Pipeline.class,
      ApiCommand.Binding.class
    })
public final class ApiCommand implements Callable<Integer> {
  /** Where Tremor's client finds its API unless told (its {@code instances.default}). */
  static final String DEFAULT_URL = "http://localhost:9898";

  /** The output and request format. */
  enum Format {
    json,
    yaml
  }

  @Option(
      names = "-f",
      paramLabel = "FORMAT",
      description =
          "json or yaml: the format of request bodies and of what create prints (default: yaml, as Tremor).")
  Format format = Format.yaml;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Tremor's client config, whose instances.default[0] is the API URL (default: ~/.tremor/config.yaml when it exists).")
  Path config;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The API's URL, e.g. http://127.0.0.1:9898 (Quiver only; wins over -c). Default: "
              + DEFAULT_URL
              + ".")
  String url;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** As Tremor: {@code api} without a subcommand is an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return 1;
  }

  /** Runs one client call; a failure prints its message on stderr and exits 1. */
  int run(Call call) {
    try {
      call.run(
          new ApiClient(
              baseUrl(),
              format == Format.json ? ApiFormat.JSON : ApiFormat.YAML,
              System.out,
              System.err));
      return 0;
    } catch (ApiClient.Failure e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }

  @FunctionalInterface
  interface Call {
    void run(ApiClient client) throws ApiClient.Failure;
  }

  /**
   * {@code --url}, else the config file's {@code instances.default[0]}, else {@link #DEFAULT_URL}.
   */
  String baseUrl() throws ApiClient.Failure {
    if (url != null) {
      return url;
    }
    Path file = config;
    if (file == null) {
      Path home = Path.of(System.getProperty("user.home"), ".tremor", "config.yaml");
      if (!Files.isRegularFile(home)) {
        return DEFAULT_URL;
      }
      file = home;
    }
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
      if (doc instanceof Map<?, ?> m
          && m.get("instances") instanceof Map<?, ?> instances
          && instances.get("default") instanceof List<?> urls
          && !urls.isEmpty()) {
        return String.valueOf(urls.get(0));
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new ApiClient.Failure("cannot read " + file + ": " + e.getMessage());
    }
    throw new ApiClient.Failure("No default api endpoint provided in " + file);
  }

  @Command(name = "version", description = "Get the server's Tremor version.")
  static final class Version implements Callable<Integer> {
    @ParentCommand ApiCommand api;

    @Override
    public Integer call() {
      return api.run(ApiClient::version);
    }
  }

  /** One artefact kind's subcommands. */
  abstract static class Kind {
    @ParentCommand ApiCommand api;

    abstract String word();
  }

  @Command(name = "list", description = "List the artefacts of this kind.")
  static final class ListIds implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.get(kind.word()));
    }
  }

  @Command(name = "fetch", description = "Fetch an artefact by id.")
  static final class Fetch implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(paramLabel = "ARTEFACT_ID", description = "The artefact's id.")
    String id;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.get(kind.word(), id));
    }
  }

  @Command(name = "delete", description = "Unpublish an artefact by id.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(paramLabel = "ARTEFACT_ID", description = "The artefact's id.")
    String id;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.delete(kind.word(), id));
    }
  }

  @Command(
      name = "create",
      description = "Publish an artefact from a file (.json/.yaml/.yml; pipelines: .trickle).")
  static final class Create implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(paramLabel = "SOURCE", description = "The artefact's file.")
    Path source;

    @Override
    public Integer call() {
      return kind.api.run(
          c -> {
            if ("pipeline".equals(kind.word())) {
              c.postTrickle(source, kind.word());
            } else {
              c.postData(source, kind.word());
            }
          });
    }
  }

  @Command(name = "instance", description = "Fetch an instance by artefact id and instance id.")
  static final class Instance implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(index = "0", paramLabel = "ARTEFACT_ID", description = "The artefact's id.")
    String id;

    @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "The instance's id.")
    String instance;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.get(kind.word(), id, instance));
    }
  }

  @Command(
      name = "activate",
      description = "Activate a binding instance with a mapping file (.json/.yaml/.yml).")
  static final class Activate implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(index = "0", paramLabel = "ARTEFACT_ID", description = "The binding's id.")
    String id;

    @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "The instance's id.")
    String instance;

    @Parameters(index = "2", paramLabel = "SOURCE", description = "The mapping's file.")
    Path source;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.postData(source, kind.word(), id, instance));
    }
  }

  @Command(name = "deactivate", description = "Deactivate a binding instance.")
  static final class Deactivate implements Callable<Integer> {
    @ParentCommand Kind kind;

    @Parameters(index = "0", paramLabel = "ARTEFACT_ID", description = "The binding's id.")
    String id;

    @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "The instance's id.")
    String instance;

    @Override
    public Integer call() {
      return kind.api.run(c -> c.delete(kind.word(), id, instance));
    }
  }

  @Command(
      name = "onramp",
      description = "Query/update the onramp repository.",
      subcommands = {ListIds.class, Fetch.class, Delete.class, Create.class, Instance.class})
  static final class Onramp extends Kind {
    @Override
    String word() {
      return "onramp";
    }
  }

  @Command(
      name = "offramp",
      description = "Query/update the offramp repository.",
      subcommands = {ListIds.class, Fetch.class, Delete.class, Create.class, Instance.class})
  static final class Offramp extends Kind {
    @Override
    String word() {
      return "offramp";
    }
  }

  @Command(
      name = "pipeline",
      description = "Query/update the pipeline repository.",
      subcommands = {ListIds.class, Fetch.class, Delete.class, Create.class, Instance.class})
  static final class Pipeline extends Kind {
    @Override
    String word() {
      return "pipeline";
    }
  }

  @Command(
      name = "binding",
      description = "Query/update the binding repository; activate and deactivate instances.",
      subcommands = {
        ListIds.class,
        Fetch.class,
        Delete.class,
        Create.class,
        Instance.class,
        Activate.class,
        Deactivate.class
      })
  static final class Binding extends Kind {
    @Override
    String word() {
      return "binding";
    }
  }
}
