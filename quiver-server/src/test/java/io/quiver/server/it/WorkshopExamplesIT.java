package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Tremor's workshop examples 00-03, 14 and 20-22, as the repository's own example folders: each
 * runs unchanged (ports moved to free ones, the metronome sped up) and shows what its README shows.
 */
class WorkshopExamplesIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    cleanup.add(resource);
    return resource;
  }

  // ---- 00-03: ws onramp -> pipeline -> stdout offramp, in a real server process ----

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00_passthrough | {\"hello\":\"world\",\"selected\":false};{\"hello\":\"again\",\"selected\":true}",
        "01_filter      | {\"hello\":\"again\",\"selected\":true}",
        "02_transform   | {\"hello\":\"hi there again\",\"world\":\"again\"}",
        "03_validate    | {\"hello\":\"world\",\"selected\":false};{\"hello\":\"again\",\"selected\":true}"
      })
  void theServerPrintsWhatTheReadmeShows(String example, String expected) throws Exception {
    int port = ExampleDeployment.freePort();
    List<Path> files = ExampleDeployment.copy(example, dir, 4242, port);
    ServerProcess server = closeLater(ServerProcess.start(dir, files));
    server.awaitListening(port);
    TestClient client = closeLater(TestClient.connect(port));
    Path examples = ExampleDeployment.EXAMPLES.resolve(example);
    List<String> sent = new ArrayList<>(Files.readAllLines(examples.resolve("inputs.txt")));
    if (Files.exists(examples.resolve("invalids.txt"))) {
      sent.addAll(Files.readAllLines(examples.resolve("invalids.txt")));
    }
    // a last document every example passes: once it is printed, everything before it was handled
    sent.add("{\"hello\": \"marker\", \"selected\": true}");
    for (String line : sent) {
      client.send(line);
    }
    List<String> want = new ArrayList<>();
    for (String e : expected.split(";")) {
      want.add(">> " + e);
    }
    String marker =
        example.equals("02_transform")
            ? ">> {\"hello\":\"hi there marker\",\"world\":\"marker\"}"
            : ">> {\"hello\":\"marker\",\"selected\":true}";
    want.add(marker);
    awaitLine(server, marker);
    assertThat(server.stdout().stream().filter(l -> l.startsWith(">> ")).toList())
        .as("lines printed by %s", example)
        .containsExactlyElementsOf(want);
  }

  private static void awaitLine(ServerProcess server, String line) throws Exception {
    server.awaitStdout(line::equals, 1);
  }

  // ---- 14: metronome -> syslog over udp -> back in over udp -> stdout, in a server process ----

  @Test
  void syslogRecordsGoOutAndComeBackOverUdp() throws Exception {
    int port = ExampleDeployment.freePort();
    List<Path> files = ExampleDeployment.copy("14_syslog_udp", dir, 12201, port);
    for (Path f : files) {
      Files.writeString(f, Files.readString(f).replace("interval: 1000", "interval: 100"));
    }
    ServerProcess server = closeLater(ServerProcess.start(dir, files));
    List<String> ticks = server.awaitStdout(l -> l.startsWith(">> ") && l.contains("BOMAn"), 2);
    assertThat(ticks.get(0))
        .startsWith(">> {\"hostname\":\"example.com\",\"severity\":\"notice\"")
        .contains("\"structured_data\":{\"exampleSDID@32473\":[{\"eventSource\":\"Tremor\"},")
        .contains("\"msgid\":\"ID47\"");
    // what `logger -d -n 127.0.0.1 -P 12201 "..."` sends: an RFC 5424 line in one datagram
    try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
      byte[] line =
          "<13>1 2026-12-07T10:00:00.000000+00:00 vm root - - [timeQuality tzKnown=\"1\"] It works"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      client.send(
          new java.net.DatagramPacket(
              line, line.length, java.net.InetAddress.getLoopbackAddress(), port));
    }
    String logged = server.awaitStdout(l -> l.contains("\"msg\":\"It works\""), 1).get(0);
    assertThat(logged)
        .startsWith(">> {\"hostname\":\"vm\",\"severity\":\"notice\",\"facility\":\"user\"")
        .contains("\"appname\":\"root\"");
  }

  // ---- 20-22: metronome -> qos::wal (-> roundrobin) -> ws offramps ----

  /** Copies an example with its ports moved and the metronome ticking every 20 ms. */
  private List<Path> fastCopy(String example, Path into, int... portPairs) throws Exception {
    List<Path> files = ExampleDeployment.copy(example, into, portPairs);
    for (Path f : files) {
      Files.writeString(f, Files.readString(f).replace("interval: 1000", "interval: 20"));
    }
    return files;
  }

  private static Value json(String text) {
    try {
      return Json.parse(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static long number(Value record, String key) {
    return ((Value.Int) ((Value.Obj) record).get(key)).value();
  }

  private static long id(TestUpstream.Received r) {
    return number(json(r.text()), "id");
  }

  /** The metronome ids a listener received so far (taking them off its queue into {@code into}). */
  private static void drain(TestUpstream listener, SortedSet<Long> into) {
    TestUpstream.Received r;
    while ((r = listener.received.poll()) != null) {
      into.add(id(r));
    }
  }

  /** Collects the ws offramp's "Error sending event" lines (at any level) while a test runs. */
  private ListAppender<ILoggingEvent> sendErrors() {
    Logger answers = (Logger) LoggerFactory.getLogger("io.quiver.connectors.ws.OfframpAnswers");
    Level before = answers.getLevel();
    answers.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    answers.addAppender(log);
    cleanup.add(
        () -> {
          answers.detachAppender(log);
          answers.setLevel(before);
        });
    return log;
  }

  private static final Pattern EVENT = Pattern.compile("\\(event \\d+:\\d+:(\\d+)\\)");

  /** The metronome ids whose sending failed, from the offramp's error lines. */
  private static SortedSet<Long> failedIds(ListAppender<ILoggingEvent> log) {
    SortedSet<Long> ids = new TreeSet<>();
    for (ILoggingEvent e : List.copyOf(log.list)) {
      Matcher m = EVENT.matcher(e.getFormattedMessage());
      if (e.getFormattedMessage().contains("Error sending event") && m.find()) {
        ids.add(Long.parseLong(m.group(1)));
      }
    }
    return ids;
  }

  @Test
  void transientGdSendsTheTicksThatFailedWhileTheListenerWasAway() throws Exception {
    int port = ExampleDeployment.freePort();
    TestUpstream listener = TestUpstream.start(port, TestUpstream.SILENT);
    ListAppender<ILoggingEvent> errors = sendErrors();
    ExampleDeployment gd =
        closeLater(ExampleDeployment.start(fastCopy("20_transient_gd", dir, 8080, port)));
    SortedSet<Long> before = new TreeSet<>();
    Await.until("3 ticks", WITHIN, () -> drainAndCount(listener, before) >= 3);
    listener.close();
    Await.until("a tick failed to send", WITHIN, () -> !failedIds(errors).isEmpty());
    long firstFailed = failedIds(errors).first();
    TestUpstream back = closeLater(TestUpstream.start(port, TestUpstream.SILENT));
    SortedSet<Long> after = new TreeSet<>();
    Await.until("ticks from the failed one on", WITHIN, () -> drainAndCount(back, after) >= 5);
    // the tick that failed is sent again, and from it on nothing is missing
    assertThat(after.first()).isLessThanOrEqualTo(firstFailed);
    assertThat(after.tailSet(firstFailed).first()).isEqualTo(firstFailed);
    assertContiguous(after.tailSet(firstFailed));
    assertThat(gd.world()).isNotNull();
  }

  private static int drainAndCount(TestUpstream listener, SortedSet<Long> into) {
    drain(listener, into);
    return into.size();
  }

  private static void assertContiguous(SortedSet<Long> ids) {
    long expected = ids.first();
    for (long id : ids) {
      assertThat(id).as("ids %s have no gap", ids).isEqualTo(expected++);
    }
  }

  @Test
  void persistentGdSendsAfterARestartWhatTheLastRunCouldNotSend() throws Exception {
    int port = ExampleDeployment.freePort();
    TestUpstream listener = TestUpstream.start(port, TestUpstream.SILENT);
    ListAppender<ILoggingEvent> errors = sendErrors();
    Path run = dir.resolve("run");
    List<Path> files = fastCopy("21_persistent_gd", run, 8080, port);
    for (Path f : files) {
      Files.writeString(
          f,
          Files.readString(f)
              .replace(
                  "dir = \"store\"",
                  "dir = \"" + run.resolve("store").toString().replace("\\", "/") + "\""));
    }
    ExampleDeployment first = ExampleDeployment.start(files);
    SortedSet<Long> seen = new TreeSet<>();
    Await.until("3 ticks", WITHIN, () -> drainAndCount(listener, seen) >= 3);
    listener.close();
    Await.until("a tick failed to send", WITHIN, () -> !failedIds(errors).isEmpty());
    first.close();
    long failed = failedIds(errors).first();
    assertThat(seen).doesNotContain(failed);

    TestUpstream back = closeLater(TestUpstream.start(port, TestUpstream.SILENT));
    long restartNs = System.currentTimeMillis() * 1_000_000L;
    closeLater(ExampleDeployment.start(files));
    List<Value> resent = new ArrayList<>();
    Await.until(
        "the failed tick of the first run, sent by the second",
        WITHIN,
        () -> {
          TestUpstream.Received r;
          while ((r = back.received.poll()) != null) {
            resent.add(json(r.text()));
          }
          return resent.stream()
              .anyMatch(v -> number(v, "id") == failed && number(v, "ingest_ns") < restartNs);
        });
  }

  @Test
  void roundRobinDealsTheTicksOutAndSkipsAListenerThatIsAway() throws Exception {
    TestUpstream[] listeners = new TestUpstream[3];
    int[] pairs = new int[6];
    for (int i = 0; i < 3; i++) {
      listeners[i] = closeLater(TestUpstream.start(TestUpstream.SILENT));
      pairs[2 * i] = 8080 + i;
      pairs[2 * i + 1] = listeners[i].port();
    }
    closeLater(ExampleDeployment.start(fastCopy("22_roundrobin", dir, pairs)));
    List<SortedSet<Long>> got = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    Await.until(
        "every listener gets ticks",
        WITHIN,
        () -> {
          for (int i = 0; i < 3; i++) {
            drain(listeners[i], got.get(i));
          }
          return got.stream().allMatch(s -> s.size() >= 3);
        });
    // while all three listen, every tick reaches one of them: no gap below the point that each
    // listener has got to (ticks above it may still be on their way)
    SortedSet<Long> all = new TreeSet<>();
    long reachedByAll = Long.MAX_VALUE;
    for (SortedSet<Long> s : got) {
      all.addAll(s);
      reachedByAll = Math.min(reachedByAll, s.last());
    }
    assertContiguous(all.headSet(reachedByAll + 1));
    assertThat(all.first()).isZero();
    // one listener goes away: the round robin skips it and the other two go on
    listeners[1].kill();
    int seenBy0 = got.get(0).size();
    int seenBy2 = got.get(2).size();
    Await.until(
        "the other two go on",
        WITHIN,
        () -> {
          drain(listeners[0], got.get(0));
          drain(listeners[2], got.get(2));
          return got.get(0).size() >= seenBy0 + 5 && got.get(2).size() >= seenBy2 + 5;
        });
  }
}
