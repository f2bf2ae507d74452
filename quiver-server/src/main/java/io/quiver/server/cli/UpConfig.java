package io.quiver.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What {@code quiver up DIR} starts: the servers listed in {@code DIR/up.yaml}, in order, or,
 * without that file, {@code DIR} itself as one server named after the folder.
 *
 * <pre>
 * servers:
 *   - name: upstream           # optional, defaults to the folder's name
 *     dir: ../31_servers_lt_ws # required, relative to up.yaml
 *     listen: 8139             # optional: wait until 127.0.0.1:8139 accepts connections
 *     tremor_path: lib         # optional: a folder, relative to up.yaml, that its {@code use}
 *                              # statements search first (put before TREMOR_PATH)
 *   - name: kafka              # a service that is not a Quiver server: its command line,
 *     command: [../../bin/kafka-broker, --port, "9092"]  # run in dir (default: up.yaml's
 *     listen: 9092             # folder); a first word with a slash is relative to dir
 * </pre>
 */
public record UpConfig(List<UpServer> servers) {
  public static final String FILE_NAME = "up.yaml";

  private static final List<String> TOP_KEYS = List.of("servers");
  private static final List<String> SERVER_KEYS =
      List.of("name", "dir", "listen", "tremor_path", "command");

  public UpConfig {
    servers = List.copyOf(servers);
  }

  /** Reads {@code dir/up.yaml}, or makes {@code dir} the only server when there is none. */
  public static UpConfig load(Path dir) throws UpConfigException {
    if (!Files.isDirectory(dir)) {
      throw new UpConfigException(
          List.of(dir + " is not a directory; give the folder of an example"));
    }
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      Path absolute = dir.toAbsolutePath().normalize();
      String name = absolute.getFileName() == null ? "server" : absolute.getFileName().toString();
      List<Path> files = artefactFiles(absolute);
      if (files.isEmpty()) {
        throw new UpConfigException(
            List.of("no .trickle, .yaml or .yml files in " + dir + " (and no " + FILE_NAME + ")"));
      }
      return new UpConfig(List.of(new UpServer(name, absolute, files, null)));
    }
    String text;
    try {
      text = io.quiver.value.Utf8File.read(file);
    } catch (io.quiver.value.Utf8File.NotUtf8Exception e) {
      throw new UpConfigException(
          List.of(file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage()));
    } catch (IOException e) {
      throw new UpConfigException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    return parse(file, text);
  }

  /** Parses the text of an {@code up.yaml}; {@code file} locates messages and relative dirs. */
  public static UpConfig parse(Path file, String text) throws UpConfigException {
    Optional<Node> root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
      Optional<org.snakeyaml.engine.v2.exceptions.Mark> deep =
          io.quiver.codec.YamlNesting.tooDeep(text, settings);
      if (deep.isPresent()) {
        throw new UpConfigException(
            List.of(
                file
                    + ":"
                    + (deep.get().getLine() + 1)
                    + ":"
                    + (deep.get().getColumn() + 1)
                    + ": invalid YAML: "
                    + io.quiver.codec.YamlNesting.message()));
      }
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse("");
      throw new UpConfigException(List.of(file + where + ": invalid YAML: " + e.getProblem()));
    } catch (YamlEngineException e) {
      throw new UpConfigException(List.of(file + ": invalid YAML: " + e.getMessage()));
    }
    return new Reader(file).read(root);
  }

  private static List<Path> artefactFiles(Path dir) throws UpConfigException {
    try {
      return UpServer.artefactFiles(dir);
    } catch (IOException e) {
      throw new UpConfigException(List.of("cannot list " + dir + ": " + e.getMessage()));
    }
  }

  /** Walks the YAML nodes, collecting every problem with its line and column. */
  private static final class Reader {
    private final Path file;
    private final Path base;
    private final List<String> problems = new ArrayList<>();

    Reader(Path file) {
      this.file = file;
      Path parent = file.toAbsolutePath().normalize().getParent();
      this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    UpConfig read(Optional<Node> root) throws UpConfigException {
      if (root.isEmpty()) {
        throw new UpConfigException(
            List.of(file + ": empty; list the servers to start under \"servers:\""));
      }
      List<UpServer> servers = new ArrayList<>();
      Map<String, Node> top =
          mapping(root.get(), "expected a mapping with a \"servers\" list", TOP_KEYS);
      if (top != null) {
        Node list = top.get("servers");
        if (list == null) {
          problems.add(
              file
                  + ": missing \"servers\": list the servers to start, each with name, dir and listen");
        } else if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
          problems.add(at(list) + "\"servers\" must be a list of at least one server");
        } else {
          Map<String, Node> names = new HashMap<>();
          Map<Integer, String> ports = new HashMap<>();
          int index = 0;
          for (Node item : seq.getValue()) {
            UpServer server = server(item, ++index);
            if (server == null) {
              continue;
            }
            if (names.putIfAbsent(server.name(), item) != null) {
              problems.add(
                  at(item)
                      + "duplicate server name \""
                      + server.name()
                      + "\"; give each server its own name");
            }
            if (server.listen() != null) {
              String other = ports.putIfAbsent(server.listen(), server.name());
              if (other != null) {
                problems.add(
                    at(item)
                        + "servers \""
                        + other
                        + "\" and \""
                        + server.name()
                        + "\" both listen on "
                        + server.listen());
              }
            }
            servers.add(server);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new UpConfigException(problems);
      }
      return new UpConfig(servers);
    }

    private UpServer server(Node item, int index) {
      Map<String, Node> fields =
          mapping(item, "a server must be a mapping with name, dir and listen", SERVER_KEYS);
      if (fields == null) {
        return null;
      }
      String name = string(fields.get("name"), "name");
      String label = name != null ? "server \"" + name + "\"" : "server " + index;
      int before = problems.size();
      Node dirNode = fields.get("dir");
      Path dir = null;
      String dirText = string(dirNode, "dir");
      List<String> command = command(fields.get("command"), label);
      if (dirNode == null && fields.containsKey("command")) {
        dir = base;
      } else if (dirNode == null) {
        problems.add(
            at(item)
                + label
                + " has no \"dir\": give its folder, relative to "
                + file.getFileName());
      } else if (dirText != null) {
        dir = base.resolve(dirText).normalize();
        if (!Files.isDirectory(dir)) {
          problems.add(
              at(dirNode)
                  + "dir \""
                  + dirText
                  + "\" of "
                  + label
                  + " is not a directory (resolved to "
                  + dir
                  + ")");
          dir = null;
        }
      }
      Integer listen = null;
      Node listenNode = fields.get("listen");
      if (listenNode != null) {
        listen = port(listenNode);
        if (listen == null) {
          problems.add(
              at(listenNode)
                  + "listen of "
                  + label
                  + " must be a port number from 1 to 65535, got "
                  + show(listenNode));
        }
      }
      Path tremorPath = null;
      Node pathNode = fields.get("tremor_path");
      String pathText = string(pathNode, "tremor_path");
      if (pathText != null) {
        tremorPath = base.resolve(pathText).normalize();
        if (!Files.isDirectory(tremorPath)) {
          problems.add(
              at(pathNode)
                  + "tremor_path \""
                  + pathText
                  + "\" of "
                  + label
                  + " is not a directory (resolved to "
                  + tremorPath
                  + ")");
        }
      }
      if (problems.size() > before || dir == null) {
        return null;
      }
      if (name == null) {
        name = dir.getFileName() == null ? "server" + index : dir.getFileName().toString();
      }
      if (command != null) {
        return new UpServer(name, dir, List.of(), listen, tremorPath, command);
      }
      List<Path> files;
      try {
        files = UpServer.artefactFiles(dir);
      } catch (IOException e) {
        problems.add(at(dirNode) + "cannot list " + dir + ": " + e.getMessage());
        return null;
      }
      if (files.isEmpty()) {
        problems.add(
            at(dirNode) + "no .trickle, .yaml or .yml files in " + dir + " (" + label + ")");
        return null;
      }
      return new UpServer(name, dir, files, listen, tremorPath);
    }

    /** The words of a {@code command} list, or null (with a problem unless absent). */
    private List<String> command(Node node, String label) {
      if (node == null) {
        return null;
      }
      if (node instanceof SequenceNode seq
          && !seq.getValue().isEmpty()
          && seq.getValue().stream()
              .allMatch(n -> n instanceof ScalarNode s && !s.getValue().isEmpty())) {
        return seq.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList();
      }
      problems.add(
          at(node)
              + "command of "
              + label
              + " must be a list of words, the program first, e.g. [../../bin/kafka-broker,"
              + " --port, \"9092\"]");
      return null;
    }

    /** The entries of a mapping with scalar keys, or null (with a problem) when it is none. */
    private Map<String, Node> mapping(Node node, String expected, List<String> allowed) {
      if (!(node instanceof MappingNode map)) {
        problems.add(at(node) + expected);
        return null;
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple entry : map.getValue()) {
        Node keyNode = entry.getKeyNode();
        if (!(keyNode instanceof ScalarNode key)) {
          problems.add(
              at(keyNode)
                  + "keys must be plain words; expected one of: "
                  + String.join(", ", allowed));
          continue;
        }
        if (!allowed.contains(key.getValue())) {
          problems.add(
              at(keyNode)
                  + "unknown key \""
                  + key.getValue()
                  + "\"; expected one of: "
                  + String.join(", ", allowed));
        } else if (out.putIfAbsent(key.getValue(), entry.getValueNode()) != null) {
          problems.add(at(keyNode) + "duplicate key \"" + key.getValue() + "\"");
        }
      }
      return out;
    }

    /** A non-empty scalar's text; null (with a problem unless absent) otherwise. */
    private String string(Node node, String key) {
      if (node == null) {
        return null;
      }
      if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
        return s.getValue();
      }
      problems.add(at(node) + "\"" + key + "\" must be a non-empty string, got " + show(node));
      return null;
    }

    private static Integer port(Node node) {
      if (node instanceof ScalarNode s && s.getValue().matches("[0-9]{1,5}")) {
        int port = Integer.parseInt(s.getValue());
        return port >= 1 && port <= 65535 ? port : null;
      }
      return null;
    }

    private static String show(Node node) {
      return switch (node) {
        case ScalarNode s -> s.getValue().isEmpty() ? "nothing" : "\"" + s.getValue() + "\"";
        case SequenceNode s -> "a list";
        case MappingNode m -> "a mapping";
        default -> "something else";
      };
    }

    private String at(Node node) {
      Optional<Mark> mark = node.getStartMark();
      return file
          + mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("")
          + ": ";
    }
  }
}
