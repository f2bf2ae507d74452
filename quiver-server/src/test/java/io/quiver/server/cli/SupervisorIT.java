package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Supervisor} with real child processes ({@link TestServerMain}) on 127.0.0.1. */
class SupervisorIT {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, List<String>> modes = new HashMap<>();
  private Supervisor supervisor = supervisor(Duration.ofSeconds(30));

  private Supervisor supervisor(Duration listenDeadline) {
    return new Supervisor(
        this::command,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        listenDeadline);
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    supervisor.stop();
  }

  /** {@code java -cp <test class path> TestServerMain <the server's mode>}. */
  private List<String> command(UpServer server) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), TestServerMain.class.getName()));
    command.addAll(modes.get(server.name()));
    return command;
  }

  private UpServer server(String name, Integer listen, String... mode) {
    modes.put(name, List.of(mode));
    return new UpServer(name, dir, List.of(Path.of("config.yaml")), listen);
  }

  private UpServer listening(String name, int port) {
    return server(name, port, "listen", String.valueOf(port));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startsInOrderOnceListeningPrefixesOutputAndStopsInReverseOrder() throws Exception {
    int a = freePort();
    int b = freePort();

    boolean started = supervisor.start(List.of(listening("upstream", a), listening("proxy", b)));

    assertThat(started).isTrue();
    assertThat(Supervisor.accepts(a)).isTrue();
    assertThat(Supervisor.accepts(b)).isTrue();
    List<Process> processes = supervisor.processes();
    assertThat(processes).hasSize(2).allMatch(Process::isAlive);

    supervisor.stop();

    assertThat(processes).noneMatch(Process::isAlive);
    String out = out();
    assertThat(out)
        .contains("[upstream] listening on " + a + "\n")
        .contains("[upstream] a note on stderr\n")
        .contains("[proxy] listening on " + b + "\n")
        .contains("[proxy] stopping\n")
        .contains("[upstream] stopping\n");
    // the port is probed, while the child's own "listening" line is copied by another thread: only
    // the supervisor's lines have an order to check
    assertThat(out.indexOf("quiver up: starting upstream"))
        .isLessThan(out.indexOf("quiver up: starting proxy"));
    assertThat(out.indexOf("quiver up: stopping proxy"))
        .isLessThan(out.indexOf("quiver up: stopping upstream"));
    assertThat(out.indexOf("[proxy] stopping"))
        .isLessThan(out.indexOf("quiver up: stopping upstream"));
    assertThat(err()).isEmpty();
    assertThat(supervisor.awaitExit()).isZero();
  }

  @Test
  void aServerThatExitsBeforeListeningFailsTheStartAndTheOthersAreStopped() throws Exception {
    int a = freePort();
    int b = freePort();

    boolean started =
        supervisor.start(List.of(listening("upstream", a), server("proxy", b, "fail")));

    assertThat(started).isFalse();
    assertThat(err())
        .isEqualTo(
            "quiver up: server \"proxy\" exited with code 3 before listening on port " + b + "\n");
    assertThat(out())
        .contains("[proxy] config error: bad things\n")
        .contains("quiver up: stopping upstream\n");
    assertThat(supervisor.processes()).noneMatch(Process::isAlive);
  }

  @Test
  void aServerThatDiesLaterIsReportedWithItsExitCodeAndTheOthersAreStopped() throws Exception {
    int a = freePort();
    int b = freePort();
    assertThat(supervisor.start(List.of(listening("upstream", a), listening("proxy", b)))).isTrue();

    supervisor.processes().get(1).destroyForcibly();
    int code = supervisor.awaitExit();

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "quiver up: server \"proxy\" exited unexpectedly with code 137; stopping the others\n");
    assertThat(out()).contains("quiver up: stopping upstream\n").contains("[upstream] stopping\n");
    assertThat(supervisor.processes()).noneMatch(Process::isAlive);
  }

  @Test
  void keepGoingReportsAnExitAndKeepsTheOthersRunningUntilNoneIsLeft() throws Exception {
    int a = freePort();
    int b = freePort();
    assertThat(supervisor.start(List.of(listening("upstream", a), listening("proxy", b)))).isTrue();
    List<Process> processes = supervisor.processes();
    CompletableFuture<Integer> exit = awaitExitKeepingGoing();

    processes.get(0).destroyForcibly();
    awaitErr("quiver up: server \"upstream\" exited with code 137; the others keep running\n");

    assertThat(exit).isNotDone();
    assertThat(processes.get(1).isAlive()).isTrue();
    assertThat(Supervisor.accepts(b)).isTrue();

    processes.get(1).destroyForcibly();

    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "quiver up: server \"upstream\" exited with code 137; the others keep running\n"
                + "quiver up: server \"proxy\" exited with code 137; no server is left\n");
  }

  @Test
  void keepGoingStillEndsWith0WhenStopped() throws Exception {
    assertThat(supervisor.start(List.of(listening("upstream", freePort())))).isTrue();
    CompletableFuture<Integer> exit = awaitExitKeepingGoing();

    supervisor.stop();

    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(err()).isEmpty();
  }

  /**
   * {@code awaitExit(true)} on a thread of its own (not the common pool, which also completes
   * {@link Process#onExit()}).
   */
  private CompletableFuture<Integer> awaitExitKeepingGoing() {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                exit.complete(supervisor.awaitExit(true));
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            });
    return exit;
  }

  private void awaitErr(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!err().equals(expected)) {
      if (System.nanoTime() - deadline > 0) {
        assertThat(err()).isEqualTo(expected);
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
  }

  @Test
  void theReadyLineNamesEachServerWithItsAddressAndPid() {
    assertThat(
            UpCommand.readyLine(
                List.of(listening("upstream", 8139), server("solo", null, "idle")),
                name -> name.length()))
        .isEqualTo(
            "quiver up: all servers are running: upstream (localhost:8139, pid 8), solo (pid 4). Press Ctrl-C to stop.");
  }

  @Test
  void aPortInUseIsReportedBeforeStartingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      boolean started = supervisor.start(List.of(listening("upstream", port)));

      assertThat(started).isFalse();
      assertThat(err())
          .isEqualTo(
              "quiver up: port "
                  + port
                  + " of server \"upstream\" is already in use; stop whatever listens there (another quiver up?) and try again\n");
      assertThat(supervisor.processes()).isEmpty();
    }
  }

  @Test
  void aServerThatNeverListensFailsAtTheDeadline() throws Exception {
    supervisor = supervisor(Duration.ofSeconds(1));
    int port = freePort();

    boolean started = supervisor.start(List.of(server("upstream", port, "idle")));

    assertThat(started).isFalse();
    assertThat(err())
        .isEqualTo(
            "quiver up: server \"upstream\" did not listen on port " + port + " within 1 s\n");
    assertThat(supervisor.processes()).noneMatch(Process::isAlive);
  }

  @Test
  void aServerWithoutPortCountsAsStartedWhileItStaysAlive() throws Exception {
    assertThat(supervisor.start(List.of(server("solo", null, "idle")))).isTrue();

    assertThat(supervisor.processes()).singleElement().matches(Process::isAlive);
  }

  @Test
  void aServerWithoutPortThatExitsAtOnceFailsTheStart() throws Exception {
    // the child is a JVM: on a loaded machine its start alone can outlast the 500 ms alive check,
    // and the exit would then be reported as a later death; a long check returns at the exit
    supervisor =
        new Supervisor(
            this::command,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60));
    boolean started = supervisor.start(List.of(server("solo", null, "fail")));

    assertThat(started).isFalse();
    assertThat(err())
        .isEqualTo("quiver up: server \"solo\" exited with code 3 right after starting\n");
    assertThat(out()).contains("[solo] config error: bad things\n");
  }

  @Test
  void aMissingProgramIsReported() throws Exception {
    Supervisor broken =
        new Supervisor(
            s -> List.of(dir.resolve("no-such-java").toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(30));

    assertThat(broken.start(List.of(server("solo", null, "idle")))).isFalse();

    assertThat(err())
        .startsWith(
            "quiver up: cannot start server \"solo\" (" + dir.resolve("no-such-java") + "): ");
  }
}
