package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpConfigTest {
  @TempDir Path root;
  private Path example;
  private Path upstream;
  private Path file;

  @BeforeEach
  void folders() throws IOException {
    example = Files.createDirectories(root.resolve("33_proxy"));
    upstream = Files.createDirectories(root.resolve("31_upstream"));
    for (String f : List.of("config.yaml", "b.trickle", "a.trickle", "z.yml", "notes.txt")) {
      Files.writeString(example.resolve(f), "");
    }
    Files.writeString(upstream.resolve("echo.trickle"), "");
    Files.writeString(upstream.resolve("config.yaml"), "");
    Files.writeString(upstream.resolve("up.yaml"), "servers: [{dir: .}]\n");
    file = example.resolve("up.yaml");
  }

  private UpConfig load(String yaml) throws Exception {
    Files.writeString(file, yaml);
    return UpConfig.load(example);
  }

  private List<String> problems(String yaml) throws IOException {
    Files.writeString(file, yaml);
    try {
      UpConfig.load(example);
    } catch (UpConfigException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found in:\n" + yaml);
  }

  @Test
  void readsTheServersInOrderWithDirsRelativeToTheFile() throws Exception {
    UpConfig config =
        load(
            """
            # the servers
            servers:
              - name: upstream
                dir: ../31_upstream
                listen: 8139
              - name: proxy
                dir: .
                listen: 9139
            """);

    assertThat(config.servers())
        .containsExactly(
            new UpServer(
                "upstream",
                upstream.toAbsolutePath().normalize(),
                List.of(Path.of("echo.trickle"), Path.of("config.yaml")),
                8139),
            new UpServer(
                "proxy",
                example.toAbsolutePath().normalize(),
                List.of(
                    Path.of("a.trickle"),
                    Path.of("b.trickle"),
                    Path.of("config.yaml"),
                    Path.of("z.yml")),
                9139));
  }

  @Test
  void nameDefaultsToTheFolderAndListenIsOptional() throws Exception {
    UpConfig config = load("servers:\n  - dir: ../31_upstream\n");

    assertThat(config.servers())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("31_upstream");
              assertThat(s.listen()).isNull();
            });
  }

  @Test
  void withoutUpYamlTheFolderIsTheOnlyServer() throws Exception {
    UpConfig config = UpConfig.load(upstream.resolve("..").resolve("31_upstream"));

    Files.delete(upstream.resolve("up.yaml"));
    UpConfig withoutFile = UpConfig.load(upstream);

    assertThat(config.servers())
        .singleElement()
        .extracting(UpServer::name)
        .isEqualTo("31_upstream");
    assertThat(withoutFile.servers())
        .containsExactly(
            new UpServer(
                "31_upstream",
                upstream.toAbsolutePath().normalize(),
                List.of(Path.of("echo.trickle"), Path.of("config.yaml")),
                null));
  }

  @Test
  void aServiceIsACommandRunInUpYamlsFolderByDefault() throws Exception {
    UpConfig config =
        load(
            """
            servers:
              - name: kafka
                command: [../../bin/kafka-broker, --port, "9092"]
                listen: 9092
              - name: proxy
                dir: .
            """);

    UpServer kafka = config.servers().get(0);
    assertThat(kafka.command()).containsExactly("../../bin/kafka-broker", "--port", "9092");
    assertThat(kafka.dir()).isEqualTo(example.toAbsolutePath().normalize());
    assertThat(kafka.files()).isEmpty();
    assertThat(kafka.listen()).isEqualTo(9092);
    assertThat(ServerLaunch.serviceCommand(kafka))
        .containsExactly(
            example
                .toAbsolutePath()
                .normalize()
                .resolve("../../bin/kafka-broker")
                .normalize()
                .toString(),
            "--port",
            "9092");
    assertThat(config.servers().get(1).command()).isNull();
  }

  @Test
  void aCommandThatIsNotAListOfWordsIsRefused() throws Exception {
    assertThatThrownBy(() -> load("servers:\n  - name: k\n    command: run-it\n"))
        .isInstanceOf(UpConfigException.class)
        .hasMessageContaining("command of server \"k\" must be a list of words, the program first");
  }

  @Test
  void aFolderWithoutFilesOrUpYamlIsRefused() throws Exception {
    Path empty = Files.createDirectories(root.resolve("empty"));

    assertThatThrownBy(() -> UpConfig.load(empty))
        .isInstanceOf(UpConfigException.class)
        .hasMessage("no .trickle, .yaml or .yml files in " + empty + " (and no up.yaml)");
    assertThatThrownBy(() -> UpConfig.load(root.resolve("nope")))
        .hasMessage(root.resolve("nope") + " is not a directory; give the folder of an example");
  }

  @Test
  void anUpYamlThatIsNotUtf8IsRefusedWithItsPlace() throws Exception {
    Files.write(
        file, new byte[] {'s', 'e', 'r', 'v', 'e', 'r', 's', ':', ' ', '#', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> UpConfig.load(example))
        .isInstanceOf(UpConfigException.class)
        .hasMessage(
            file + ":1:11: not valid UTF-8 at byte 10 (line 1, column 11); save the file as UTF-8");
  }

  @Test
  void unknownKeysAreNamedWithTheKeysExpected() throws Exception {
    assertThat(problems("servers:\n  - dir: .\n    port: 9139\nverbose: true\n"))
        .containsExactly(
            file + ":4:1: unknown key \"verbose\"; expected one of: servers",
            file
                + ":3:5: unknown key \"port\"; expected one of: name, dir, listen, tremor_path, command");
  }

  @Test
  void aServerNeedsADirThatExists() throws Exception {
    assertThat(problems("servers:\n  - name: proxy\n    listen: 9139\n  - dir: ../31_nope\n"))
        .containsExactly(
            file + ":2:5: server \"proxy\" has no \"dir\": give its folder, relative to up.yaml",
            file
                + ":4:10: dir \"../31_nope\" of server 2 is not a directory (resolved to "
                + root.toAbsolutePath().normalize().resolve("31_nope")
                + ")");
  }

  @Test
  void tremorPathIsAFolderRelativeToTheFile() throws Exception {
    Path lib = Files.createDirectories(upstream.resolve("lib"));

    UpConfig config =
        load("servers:\n  - dir: ../31_upstream\n    tremor_path: ../31_upstream/lib\n");

    assertThat(config.servers())
        .singleElement()
        .extracting(UpServer::tremorPath)
        .isEqualTo(lib.toAbsolutePath().normalize());
    assertThat(load("servers:\n  - dir: .\n").servers().get(0).tremorPath()).isNull();
    assertThat(problems("servers:\n  - dir: .\n    tremor_path: nope\n"))
        .containsExactly(
            file
                + ":3:18: tremor_path \"nope\" of server 1 is not a directory (resolved to "
                + example.toAbsolutePath().normalize().resolve("nope")
                + ")");
  }

  @Test
  void listenMustBeAPort() throws Exception {
    assertThat(
            problems(
                """
                servers:
                  - {name: a, dir: ., listen: http}
                  - {name: b, dir: ., listen: 0}
                  - {name: c, dir: ., listen: 65536}
                  - {name: d, dir: ., listen: [1]}
                  - {name: e, dir: ., listen: }
                """))
        .containsExactly(
            file
                + ":2:31: listen of server \"a\" must be a port number from 1 to 65535, got \"http\"",
            file + ":3:31: listen of server \"b\" must be a port number from 1 to 65535, got \"0\"",
            file
                + ":4:31: listen of server \"c\" must be a port number from 1 to 65535, got \"65536\"",
            file
                + ":5:31: listen of server \"d\" must be a port number from 1 to 65535, got a list",
            file
                + ":6:30: listen of server \"e\" must be a port number from 1 to 65535, got nothing");
  }

  @Test
  void namesAndPortsMustBeDistinct() throws Exception {
    assertThat(
            problems(
                """
                servers:
                  - {name: a, dir: ., listen: 9139}
                  - {name: a, dir: ../31_upstream, listen: 9139}
                """))
        .containsExactly(
            file + ":3:5: duplicate server name \"a\"; give each server its own name",
            file + ":3:5: servers \"a\" and \"a\" both listen on 9139");
  }

  @Test
  void theShapeIsChecked() throws Exception {
    assertThat(problems("- dir: .\n"))
        .containsExactly(file + ":1:1: expected a mapping with a \"servers\" list");
    assertThat(problems("servers: []\n"))
        .containsExactly(file + ":1:10: \"servers\" must be a list of at least one server");
    assertThat(problems("servers: .\n"))
        .containsExactly(file + ":1:10: \"servers\" must be a list of at least one server");
    assertThat(problems("other: 1\n"))
        .containsExactly(
            file + ":1:1: unknown key \"other\"; expected one of: servers",
            file
                + ": missing \"servers\": list the servers to start, each with name, dir and listen");
    assertThat(problems("servers:\n  - .\n"))
        .containsExactly(file + ":2:5: a server must be a mapping with name, dir and listen");
    assertThat(problems("servers:\n  - {dir: ., dir: .}\n"))
        .containsExactly(file + ":2:14: duplicate key \"dir\"");
    assertThat(problems("servers:\n  - {dir: [.]}\n"))
        .containsExactly(file + ":2:11: \"dir\" must be a non-empty string, got a list");
    assertThat(problems("# nothing yet\n"))
        .containsExactly(file + ": empty; list the servers to start under \"servers:\"");
  }

  @Test
  void deeplyNestedYamlSaysWhereAndWhatNotAStackOverflow() throws Exception {
    String deep = "servers:\n  - dir: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";

    assertThat(problems(deep))
        .containsExactly(
            file
                + ":2:135: invalid YAML: recursion limit"
                + " exceeded: more than 128 nested sequences and mappings are not supported");
  }

  @Test
  void invalidYamlSaysWhereAndWhat() throws Exception {
    assertThat(problems("servers:\n  - dir: [.\n"))
        .singleElement()
        .asString()
        .startsWith(file + ":3:1: invalid YAML: ");
  }

  @Test
  void theRepositoryExamplesAreValid() throws Exception {
    Path examples = examples();

    UpConfig proxy = UpConfig.load(examples.resolve("33_proxies_lt_ws"));
    UpConfig upstreamOnly = UpConfig.load(examples.resolve("31_servers_lt_ws"));

    assertThat(proxy.servers())
        .extracting(UpServer::name, UpServer::listen)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("upstream", 8139),
            org.assertj.core.groups.Tuple.tuple("proxy", 9139));
    assertThat(proxy.servers().get(0).dir())
        .isEqualTo(examples.resolve("31_servers_lt_ws").toAbsolutePath().normalize());
    assertThat(proxy.servers().get(0).files())
        .containsExactly(Path.of("echo.trickle"), Path.of("config.yaml"));
    assertThat(proxy.servers().get(1).files())
        .containsExactly(
            Path.of("pass_errors.trickle"),
            Path.of("pass_incoming.trickle"),
            Path.of("pass_outgoing.trickle"),
            Path.of("config.yaml"));
    assertThat(upstreamOnly.servers()).extracting(UpServer::name).containsExactly("upstream");
  }

  @Test
  void everyExampleWithAnUpYamlLoads() throws Exception {
    List<String> loaded = new java.util.ArrayList<>();
    try (var dirs = Files.list(examples())) {
      for (Path d : dirs.sorted().toList()) {
        if (Files.exists(d.resolve("up.yaml"))) {
          assertThat(UpConfig.load(d).servers()).as(d.toString()).isNotEmpty();
          loaded.add(d.getFileName().toString());
        }
      }
    }
    assertThat(loaded)
        .contains(
            "30_servers_lt_http",
            "32_proxies_lt_http",
            "34_bridges_lt_http_ws",
            "35_reverse_proxy_load_balancing");
    assertThat(
            UpConfig.load(examples().resolve("32_proxies_lt_http")).servers().get(0).tremorPath())
        .isEqualTo(examples().resolve("30_servers_lt_http/lib").toAbsolutePath().normalize());
  }

  @Test
  void upCommandPrintsEveryProblemAndExitsWith1() throws Exception {
    Files.writeString(file, "servers:\n  - dir: ../31_nope\n    listen: x\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        new CommandLine(
                new UpCommand(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(example.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "quiver up: "
                + file
                + ":2:10: dir \"../31_nope\" of server 1 is not a directory (resolved to "
                + root.toAbsolutePath().normalize().resolve("31_nope")
                + ")\n"
                + "quiver up: "
                + file
                + ":3:13: listen of server 1 must be a port number from 1 to 65535, got \"x\"\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  /** The repository's examples folder, found from the working directory up. */
  static Path examples() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples/33_proxies_lt_ws"))) {
        return d.resolve("examples");
      }
    }
    throw new AssertionError("no examples/33_proxies_lt_ws above " + Path.of("").toAbsolutePath());
  }
}
