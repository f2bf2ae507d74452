package io.quiver.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One server of {@code quiver up}: a folder of artefact files run by {@code quiver server run}.
 *
 * @param name the label of its output lines and messages
 * @param dir its folder (absolute, normalized); the child process runs there
 * @param files the artefact files to load, relative to {@code dir}
 * @param listen the port it listens on once started, or null when it has none to wait for
 * @param tremorPath the folder its {@code use} statements search first ({@code TREMOR_PATH}), or
 *     null to inherit the environment's
 * @param command for a service that is not a Quiver server (a Kafka broker, say): the command line
 *     that runs it in {@code dir} (its first word, when it has a slash, relative to {@code dir});
 *     null for a Quiver server
 */
public record UpServer(
    String name,
    Path dir,
    List<Path> files,
    Integer listen,
    Path tremorPath,
    List<String> command) {
  public UpServer {
    files = List.copyOf(files);
    command = command == null ? null : List.copyOf(command);
  }

  /** A Quiver server. */
  public UpServer(String name, Path dir, List<Path> files, Integer listen, Path tremorPath) {
    this(name, dir, files, listen, tremorPath, null);
  }

  /** A Quiver server whose module path is the environment's. */
  public UpServer(String name, Path dir, List<Path> files, Integer listen) {
    this(name, dir, files, listen, null);
  }

  /** What the start line shows: the files of a Quiver server, the command line of a service. */
  String describe() {
    return command != null
        ? String.join(" ", command)
        : String.join(" ", files.stream().map(Path::toString).toList());
  }

  /**
   * The files {@code server run} loads from {@code dir}: the {@code .trickle} files, then the
   * {@code .yaml}/{@code .yml} files, each group sorted by name; {@code up.yaml} is not one of
   * them.
   */
  static List<Path> artefactFiles(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isRegularFile)
          .map(Path::getFileName)
          .filter(f -> group(f) >= 0)
          .sorted(Comparator.comparingInt(UpServer::group).thenComparing(Path::toString))
          .toList();
    }
  }

  /** 0 for pipelines, 1 for YAML artefacts, -1 for anything else. */
  private static int group(Path file) {
    String name = file.toString();
    if (name.equals(UpConfig.FILE_NAME) || name.equals("up.yml")) {
      return -1;
    }
    if (name.endsWith(".trickle")) {
      return 0;
    }
    return name.endsWith(".yaml") || name.endsWith(".yml") ? 1 : -1;
  }
}
