package io.quiver.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.quiver.connectors.net.EventLoops;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quiver bench abuse} against the soak's real proxy (bench/ws-soak, loaded in this JVM on
 * ephemeral ports of 127.0.0.1) in front of {@code bench echo --large-replies}: each mode runs for
 * a couple of seconds, performs its actions, and ends by itself. These tests check the tool, not
 * the proxy's answers to the abuse (the defect tests of issue 11 do that).
 */
class AbuseCommandIT {
  @TempDir Path tmp;

  private EventLoopGroup group;
  private Channel echo;
  private World proxy;
  private int proxyPort;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startProxy() throws Exception {
    group = EventLoops.newGroup(1, "abuse-it-echo");
    echo = EchoCommand.start(group, 0, true);
    int echoPort = ((InetSocketAddress) echo.localAddress()).getPort();
    proxyPort = freePort();
    Path bench = findBench().resolve("ws-soak");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(bench)) {
      for (Path f : list.sorted().toList()) {
        String text =
            Files.readString(f)
                .replace("port: 9139", "port: " + proxyPort)
                .replace("ws://127.0.0.1:8139/", "ws://127.0.0.1:" + echoPort + "/");
        Path target = tmp.resolve(f.getFileName());
        Files.writeString(target, text);
        files.add(target);
      }
    }
    proxy = World.load(files, Registry.load());
    proxy.start();
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    echo.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** Runs {@code quiver bench abuse} with {@code args}; fails if it does not end by itself. */
  private Map<String, Long> abuse(double durationSecs, String... args) {
    List<String> all =
        new ArrayList<>(List.of("abuse", "--url", "ws://127.0.0.1:" + proxyPort + "/"));
    all.addAll(List.of(args));
    all.addAll(List.of("--duration", Double.toString(durationSecs)));
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // a guard against a hang, far above the run's own bound (duration plus its timeouts)
    int status =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> cli.execute(all.toArray(String[]::new)));
    assertThat(status).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("\ndone after ");
    String result = text.lines().filter(l -> l.startsWith("result: ")).findFirst().orElseThrow();
    Map<String, Long> counts = new TreeMap<>();
    for (String kv : result.substring("result: ".length()).split(" ")) {
      String[] p = kv.split("=");
      counts.put(p[0], Long.parseLong(p[1]));
    }
    return counts;
  }

  /** The sum of the outcome counts {@code MODE_KIND_OUTCOME} over the given kinds. */
  private static long outcomes(Map<String, Long> counts, String mode, List<String> kinds) {
    long sum = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      for (String kind : kinds) {
        if (e.getKey().startsWith(mode + "_" + kind + "_")) {
          sum += e.getValue();
        }
      }
    }
    return sum;
  }

  @Test
  void slowlorisDribblesHandshakesOnEverySocket() {
    Map<String, Long> c = abuse(2.5, "--mode", "slowloris", "--slowloris-sockets", "5");
    assertThat(c.get("slowloris_phases")).isEqualTo(1);
    assertThat(c.get("slowloris_sockets")).isEqualTo(5);
    // the first byte goes out on every socket at once; later ones once a second
    assertThat(c.get("slowloris_bytes")).isGreaterThanOrEqualTo(5);
    assertThat(out.toString())
        .startsWith(
            "quiver bench abuse: ws://127.0.0.1:" + proxyPort + "/ mode=slowloris duration=2.5s\n");
  }

  @Test
  void idleOpensItsSocketsAndSendsNothing() {
    Map<String, Long> c = abuse(1.5, "--mode", "idle", "--idle-sockets", "20");
    assertThat(c.get("idle_phases")).isEqualTo(1);
    assertThat(c.get("idle_sockets")).isEqualTo(20);
    assertThat(c).doesNotContainKey("idle_connect_failures");
  }

  @Test
  void nonReadingClientsAskForLargeRepliesAndNeverRead() {
    Map<String, Long> c =
        abuse(
            1.5,
            "--mode",
            "nonreading",
            "--nonreading-clients",
            "2",
            "--nonreading-requests",
            "3",
            "--large-bytes",
            "100000");
    assertThat(c.get("nonreading_clients")).isEqualTo(2);
    assertThat(c.get("nonreading_requests")).isEqualTo(6);
    assertThat(c.get("nonreading_reply_bytes_asked")).isEqualTo(600_000);
  }

  @Test
  void deepEventsAreSentAndEachIsAccountedFor() {
    Map<String, Long> c = abuse(2, "--mode", "deep", "--timeout", "500");
    assertThat(c.get("deep_phases")).isEqualTo(1);
    assertThat(c.get("deep_sent")).isPositive();
    // every event sent was answered, went unanswered within the timeout, or lost its connection
    List<String> kinds = Abuser.DEEP_EVENTS.stream().map(Abuser.DeepEvent::name).toList();
    assertThat(outcomes(c, "deep", kinds)).isEqualTo(c.get("deep_sent"));
  }

  @Test
  void invalidFramesAreSentAndTheServersAnswerCounted() {
    Map<String, Long> c = abuse(2, "--mode", "invalid", "--timeout", "500");
    assertThat(c.get("invalid_sent")).isPositive();
    // every frame sent has one outcome: the server's close code, a close without a close frame,
    // a reset, or no close within the timeout
    List<String> kinds = Abuser.INVALID_FRAMES.stream().map(Abuser.InvalidFrame::name).toList();
    assertThat(outcomes(c, "invalid", kinds)).isEqualTo(c.get("invalid_sent"));
    // the first of a round; a reserved opcode is a protocol error on any websocket server (RFC 6455
    // 5.2)
    assertThat(c.get("invalid_opcode_3_close_1002")).isPositive();
  }

  @Test
  void cycleGoesThroughEveryModeAndEndsByItself() {
    Map<String, Long> c =
        abuse(
            5,
            "--mode",
            "cycle",
            "--phase",
            "0.5",
            "--timeout",
            "300",
            "--idle-sockets",
            "10",
            "--slowloris-sockets",
            "3",
            "--nonreading-clients",
            "1",
            "--nonreading-requests",
            "1",
            "--large-bytes",
            "1000");
    for (AbuseMode m : AbuseMode.values()) {
      assertThat(c.get(m.label() + "_phases")).as(m.label()).isPositive();
    }
    assertThat(out.toString())
        .contains(
            " slowloris until ",
            " idle until ",
            " nonreading until ",
            " deep until ",
            " invalid until ");
  }

  @Test
  void badOptionsAreExplained() {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("abuse", "--url", "ws://127.0.0.1:1/", "--mode", "flood")).isEqualTo(2);
    assertThat(cli.execute("abuse", "--url", "ws://example.com/")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "quiver bench abuse: unknown --mode flood: use slowloris, idle, nonreading, deep, invalid or cycle\n"
                + "quiver bench abuse: the load generator only targets this machine: use 127.0.0.1 or"
                + " localhost (got example.com)\n");
  }

  @Test
  void theEchoAnswersALargeRequestWithThatManyBytes() throws Exception {
    int echoPort = ((InetSocketAddress) echo.localAddress()).getPort();
    try (RawWs ws = RawWs.open("127.0.0.1", echoPort, 5000, 0, new Sockets())) {
      ws.sendText("{\"large\":70000}");
      RawWs.Frame big = ws.read(1 << 20);
      assertThat(big.opcode()).isEqualTo(RawWs.TEXT);
      assertThat(big.payload()).hasSize(70_000);
      assertThat(big.text()).startsWith("{\"large\":\"xxx").endsWith("xx\"}");
      ws.sendText("{\"large\":12,\"not\":\"this\"}");
      assertThat(ws.read(1 << 20).text()).isEqualTo("{\"large\":12,\"not\":\"this\"}");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Path findBench() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("bench/ws-soak"))) {
        return p.resolve("bench");
      }
      p = p.getParent();
    }
    throw new IllegalStateException("bench/ws-soak not found above the working directory");
  }
}
