package io.quiver.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as a user gets it: {@code quiver-VERSION.tar.gz} unpacked with {@code tar} into a
 * fresh folder, run through its own {@code bin/quiver} (no Maven, no checkout): the version, the
 * error without a Java, the completions it ships, and the websocket proxy example (its recipe 31
 * upstream and recipe 33 proxy, on free ports) answering a real websocket client. With {@code
 * -Prelease} the jlink'd archive too, on a PATH without any Java.
 */
class ReleaseArchiveIT {
  private static final String NAME = System.getProperty("quiver.release.name");

  @TempDir Path dir;
  private Path home;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void unpack() throws Exception {
    home = unpack(Path.of(System.getProperty("quiver.release.archive")), "plain");
  }

  /** {@code tar xzf ARCHIVE} into a folder of its own; the release's home. */
  private Path unpack(Path archive, String folder) throws Exception {
    assertThat(archive).isRegularFile();
    Path into = Files.createDirectories(dir.resolve(folder));
    assertThat(run(List.of("tar", "xzf", archive.toString(), "-C", into.toString()), Map.of()).code)
        .isZero();
    return into.resolve(NAME);
  }

  @AfterEach
  void stop() {
    started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void theArchiveHoldsTheLauncherJarCompletionsExamplesAndDocs() {
    assertThat(home.resolve("bin/quiver")).isExecutable();
    assertThat(home.resolve("lib/quiver.jar")).isRegularFile();
    assertThat(home.resolve("lib/java.sh")).isRegularFile();
    for (String f : new String[] {"quiver.bash", "quiver.zsh", "quiver.fish"}) {
      assertThat(home.resolve("completions").resolve(f)).content().contains("quiver");
    }
    assertThat(home.resolve("completions/quiver.bash")).content().contains("_complete_quiver");
    assertThat(home.resolve("completions/quiver.zsh")).content().startsWith("#compdef quiver");
    assertThat(home.resolve("examples/33_proxies_lt_ws/config.yaml")).isRegularFile();
    assertThat(home.resolve("docs/operations.md")).content().contains("Installing a release");
    assertThat(home.resolve("README.md")).isRegularFile();
  }

  @Test
  void versionNamesTheProjectVersionAndTremorsWithTheJavaOfJavaHome() throws Exception {
    Result r = quiver(Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out)
        .isEqualTo(
            "quiver "
                + System.getProperty("quiver.release.version")
                + " (runs tremor "
                + System.getProperty("quiver.release.tremor")
                + " deployments)\n");
  }

  @Test
  void theJvmStartsWithTheLaunchersDefaultsUnlessReplacedAndTheUsersOptionsWin() throws Exception {
    Map<String, String> java = Map.of("JAVA_HOME", System.getProperty("java.home"));
    Result defaults =
        quiver(plus(java, "QUIVER_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
    assertThat(defaults.code).as(defaults.err).isZero();
    assertThat(defaults.out)
        .contains(
            "-XX:+UseSerialGC",
            "-XX:InitialHeapSize=8388608",
            "-XX:MaxNewSize=16777216",
            "-XX:TrimNativeHeapInterval=1000");

    Result mine =
        quiver(plus(java, "QUIVER_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xms16m"), "--version");
    assertThat(mine.out).contains("-XX:+UseSerialGC", "-XX:InitialHeapSize=16777216");

    // a collector of the user's own replaces the serial one (the JVM refuses two)
    Result zgc =
        quiver(
            plus(java, "QUIVER_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseZGC"), "--version");
    assertThat(zgc.code).as(zgc.err).isZero();
    assertThat(zgc.out).contains("-XX:+UseZGC", "-XX:InitialHeapSize=8388608");
    assertThat(zgc.out).doesNotContain("UseSerialGC");
    Result g1 =
        quiver(
            plus(java, "QUIVER_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC"), "--version");
    assertThat(g1.code).as(g1.err).isZero();
    assertThat(g1.out).contains("-XX:+UseG1GC").doesNotContain("UseSerialGC");

    Map<String, String> replaced = plus(java, "QUIVER_JVM_DEFAULTS", "-Xms12m");
    Result own =
        quiver(plus(replaced, "QUIVER_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
    assertThat(own.code).as(own.err).isZero();
    assertThat(own.out).contains("-XX:InitialHeapSize=12582912");
  }

  /**
   * {@code quiver server run} writes a class-data-sharing archive of its classes into
   * QUIVER_CDS_DIR when it exits (SIGTERM), silently (the JVM's list of classes it cannot archive
   * is turned off), and the next run of the same jar and deployment maps it; other commands get
   * none.
   */
  @Test
  void serverRunWritesItsClassArchiveAtExitAndTheNextRunMapsIt() throws Exception {
    Path examples = Files.createDirectories(dir.resolve("mine"));
    copy("31_servers_lt_ws", examples, freePort(), freePort());
    Path server = examples.resolve("31_servers_lt_ws");
    Path cds = dir.resolve("cds");
    Map<String, String> env =
        Map.of("JAVA_HOME", System.getProperty("java.home"), "QUIVER_CDS_DIR", cds.toString());

    String first = runServerUntilSigterm(server, env);
    assertThat(first).doesNotContain("[cds]", "Skipping");
    List<Path> archives;
    try (Stream<Path> files = Files.list(cds)) {
      archives = files.toList();
    }
    assertThat(archives).hasSize(1);
    assertThat(archives.get(0).getFileName().toString()).startsWith("server-").endsWith(".jsa");
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(archives.get(0))) {
      assertThat(in.read(magic)).isEqualTo(4);
    }
    assertThat(magic).containsExactly(0xa8, 0xab, 0x0b, 0xf0);

    Map<String, String> logged = plus(env, "QUIVER_JAVA_OPTS", "-Xlog:class+load=info");
    assertThat(runServerUntilSigterm(server, logged)).contains("source: shared objects file (top)");
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files.toList()).containsExactlyElementsOf(archives);
    }
    Result version = quiver(env, "--version"); // no archive for other commands
    assertThat(version.code).as(version.err).isZero();
    assertThat(version.out).startsWith("quiver ");
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files.toList()).containsExactlyElementsOf(archives);
    }
  }

  /** Runs {@code bin/quiver server run} of the example in dir until it listens, then SIGTERM. */
  private String runServerUntilSigterm(Path example, Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                home.resolve("bin/quiver").toString(),
                "server",
                "run",
                "-f",
                "echo.trickle",
                "config.yaml")
            .directory(example.toFile())
            .redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    StringBuffer log = drain(p.getInputStream());
    int port =
        Integer.parseInt(
            Files.readString(example.resolve("config.yaml"))
                .replaceAll("(?s).*port: *([0-9]+).*", "$1"));
    Await.until("the server listens", Duration.ofSeconds(90), () -> listens(port) || !p.isAlive());
    assertThat(p.isAlive()).as(log.toString()).isTrue();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(log.toString()).isTrue();
    return log.toString();
  }

  private static Map<String, String> plus(Map<String, String> env, String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return more;
  }

  @Test
  void withoutAJava21ItSaysWhereItLookedAndExitsOne() throws Exception {
    // a PATH with the launcher's tools and no java; a JAVA_HOME whose java is too old
    Path tools = tools();
    Path old = Files.createDirectories(dir.resolve("jdk-17/bin"));
    Files.writeString(
        old.resolve("java"),
        "#!/usr/bin/env bash\necho '    java.specification.version = 17' >&2\n");
    old.resolve("java").toFile().setExecutable(true);

    Result r =
        quiver(
            Map.of(
                "PATH", tools.toString(),
                "JAVA_HOME", old.getParent().toString(),
                "QUIVER_JVM_ROOT", Files.createDirectories(dir.resolve("no-jvms")).toString()),
            "--version");

    assertThat(r.code).isEqualTo(1);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .contains("quiver: no Java 21 or newer found")
        .contains("no-jvms")
        .contains("JAVA_HOME");
  }

  @Test
  void theLinkedArchiveRunsWithNoJavaAnywhere() throws Exception {
    String linked = System.getProperty("quiver.release.linked.archive");
    assumeTrue(Files.isRegularFile(Path.of(linked)), "no " + linked + ": build with -Prelease");
    home = unpack(Path.of(linked), "linked");
    Map<String, String> noJava =
        Map.of(
            "PATH",
            tools().toString(),
            "QUIVER_JVM_ROOT",
            Files.createDirectories(dir.resolve("no-jvms")).toString());

    Result r = quiver(noJava, "--version");

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).startsWith("quiver " + System.getProperty("quiver.release.version") + " ");
    assertThat(home.resolve("runtime/bin/java")).isExecutable();
    proxyAnswersAndStops(noJava);
  }

  @Test
  void theWsProxyExampleAnswersAWebsocketClientAndStopsOnSigterm() throws Exception {
    proxyAnswersAndStops(Map.of("JAVA_HOME", System.getProperty("java.home")));
  }

  /**
   * {@code bin/quiver up} of the release's examples 31 and 33 (copied, on free ports): a websocket
   * client gets its answers through the proxy; SIGTERM stops both servers and frees their ports.
   */
  private void proxyAnswersAndStops(Map<String, String> env) throws Exception {
    int upstream = freePort();
    int proxy = freePort();
    Path examples = Files.createDirectories(dir.resolve("mine"));
    copy("31_servers_lt_ws", examples, upstream, proxy);
    copy("33_proxies_lt_ws", examples, upstream, proxy);

    ProcessBuilder pb =
        new ProcessBuilder(
                home.resolve("bin/quiver").toString(),
                "up",
                examples.resolve("33_proxies_lt_ws").toString())
            .redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Process up = pb.start();
    started.add(up);
    StringBuffer log = drain(up.getInputStream());
    Await.until(
        "quiver up says both servers run",
        Duration.ofSeconds(90),
        () -> log.toString().contains("quiver up: all servers are running") || !up.isAlive());
    assertThat(up.isAlive()).as(log.toString()).isTrue();

    LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + proxy + "/"), collector(replies))
            .get(30, TimeUnit.SECONDS);
    ws.sendText("hello\n", true).get(30, TimeUnit.SECONDS);
    assertThat(replies.poll(30, TimeUnit.SECONDS)).as(log.toString()).isEqualTo("hello");
    ws.sendText("snot\n", true).get(30, TimeUnit.SECONDS);
    assertThat(replies.poll(30, TimeUnit.SECONDS)).isEqualTo("badger");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);

    List<ProcessHandle> servers = up.descendants().toList();
    assertThat(servers).hasSizeGreaterThanOrEqualTo(2);
    for (ProcessHandle server : servers) { // started with the launcher's JVM defaults
      assertThat(server.info().arguments().map(List::of).orElse(List.of()))
          .contains("-XX:+UseSerialGC", "-Xms8m");
    }
    up.destroy(); // SIGTERM, as systemd or Ctrl-C would
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).as(log.toString()).isTrue();
    Await.until(
        "the servers of quiver up exited",
        Duration.ofSeconds(60),
        () -> servers.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(accepts(proxy)).isFalse();
    assertThat(accepts(upstream)).isFalse();
  }

  private record Result(int code, String out, String err) {}

  private Result quiver(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/quiver").toString()));
    command.addAll(List.of(args));
    return run(command, env);
  }

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    p.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
    return new Result(p.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads a stream on a thread of its own (so a chatty child never blocks on a full pipe). */
  private static StringBuffer drain(InputStream in) {
    StringBuffer text = new StringBuffer();
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buf = new byte[8192];
              try {
                for (int n; (n = in.read(buf)) > 0; ) {
                  text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                // closed: the process ended
              }
            });
    return text;
  }

  private static WebSocket.Listener collector(LinkedBlockingQueue<String> replies) {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          replies.add(partial.toString());
          partial.setLength(0);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  /** Copies one of the release's examples, its ports replaced and its hosts local. */
  private void copy(String example, Path to, int upstream, int proxy) throws IOException {
    Path target = Files.createDirectories(to.resolve(example));
    try (Stream<Path> files = Files.list(home.resolve("examples").resolve(example))) {
      for (Path f : files.toList()) {
        Files.writeString(
            target.resolve(f.getFileName()),
            Files.readString(f)
                .replace("8139", String.valueOf(upstream))
                .replace("9139", String.valueOf(proxy))
                .replace("0.0.0.0", "127.0.0.1"));
      }
    }
  }

  /** A folder for PATH with the tools the launcher uses, and no java. */
  private Path tools() throws IOException {
    Path tools = dir.resolve("tools");
    if (!Files.isDirectory(tools)) {
      Files.createDirectories(tools);
      for (String tool :
          new String[] {"bash", "sed", "head", "readlink", "dirname", "ls", "sort"}) {
        Files.createSymbolicLink(tools.resolve(tool), which(tool));
      }
    }
    return tools;
  }

  private static Path which(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .map(d -> Path.of(d, tool))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError(tool + " is not on PATH"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listens(int port) {
    try {
      return accepts(port);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean accepts(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }
}
