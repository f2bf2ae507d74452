package io.quiver.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the servers of {@code quiver up} as child processes: starts them in order (each waited for
 * until its port accepts connections), copies their output prefixed with their name, and stops them
 * in reverse order, when told to or when one of them dies.
 */
public final class Supervisor {
  /** How long a stopped child gets to exit after SIGTERM before it is killed. */
  static final Duration STOP_GRACE =
      Duration.ofSeconds(
          10); // a server drains for up to 5 s (server run --drain-timeout-ms), then closes its

  // clients

  /** A server without a port to wait for counts as started once it has stayed alive this long. */
  static final Duration ALIVE_CHECK = Duration.ofMillis(500);

  /**
   * When a child dies, how long to wait for our own stop request before calling it unexpected: a
   * Ctrl-C in a terminal reaches the children as well as this process.
   */
  static final Duration SIGNAL_GRACE = Duration.ofMillis(500);

  private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private final ServerLaunch launch;
  private final PrintStream out;
  private final PrintStream err;
  private final Duration listenDeadline;
  private final Duration aliveCheck;

  private final Object lock = new Object();
  private final List<Child> children = new ArrayList<>(); // guarded by lock
  private boolean stopping; // guarded by lock
  private final List<Child> deaths =
      new ArrayList<>(); // guarded by lock: children that exited on their own
  private int deathsReported; // guarded by lock
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** A started server: its process and the threads copying its output. */
  private record Child(UpServer server, Process process, List<Thread> pumps) {
    String name() {
      return server.name();
    }
  }

  public Supervisor(
      ServerLaunch launch, PrintStream out, PrintStream err, Duration listenDeadline) {
    this(launch, out, err, listenDeadline, ALIVE_CHECK);
  }

  /** {@code aliveCheck}: how long a server without a port must stay alive to count as started. */
  Supervisor(
      ServerLaunch launch,
      PrintStream out,
      PrintStream err,
      Duration listenDeadline,
      Duration aliveCheck) {
    this.launch = launch;
    this.out = out;
    this.err = err;
    this.listenDeadline = listenDeadline;
    this.aliveCheck = aliveCheck;
  }

  /**
   * Starts the servers in order, each once the previous one is up. On a failure says what happened
   * on {@code err}, stops those already started and returns false.
   */
  public boolean start(List<UpServer> servers) throws InterruptedException {
    for (UpServer server : servers) {
      String failure = startOne(server);
      if (failure != null) {
        boolean ourStop;
        synchronized (lock) {
          ourStop = !stopping;
        }
        if (ourStop) {
          err.println("quiver up: " + failure);
          err.flush();
        }
        stop();
        return false;
      }
    }
    return true;
  }

  /** {@code first}, then the entries of an inherited {@code TREMOR_PATH} that is not blank. */
  private static String before(String inherited, String first) {
    return inherited.isBlank() ? first : first + java.io.File.pathSeparator + inherited;
  }

  /** Starts one server and waits until it is up; the reason it is not, or null. */
  private String startOne(UpServer server) throws InterruptedException {
    if (server.listen() != null && accepts(server.listen())) {
      return "port "
          + server.listen()
          + " of server \""
          + server.name()
          + "\" is already in use; stop whatever listens there (another quiver up?) and try again";
    }
    List<String> command = launch.command(server);
    say("starting " + server.name() + " (" + shown(server.dir()) + ": " + server.describe() + ")");
    Child child;
    synchronized (lock) {
      if (stopping) {
        return "stopped before server \"" + server.name() + "\" started";
      }
      Process process;
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(server.dir().toFile());
        // children stop by themselves when this supervisor dies without stopping them (kill -9)
        builder
            .environment()
            .put("QUIVER_SUPERVISOR_PID", Long.toString(ProcessHandle.current().pid()));
        if (server.tremorPath() != null) {
          builder
              .environment()
              .merge("TREMOR_PATH", server.tremorPath().toString(), Supervisor::before);
        }
        process = builder.start();
      } catch (IOException e) {
        return "cannot start server \""
            + server.name()
            + "\" ("
            + command.get(0)
            + "): "
            + e.getMessage();
      }
      closeQuietly(process.getOutputStream());
      child =
          new Child(
              server,
              process,
              List.of(
                  pump(server.name(), "stdout", process.getInputStream()),
                  pump(server.name(), "stderr", process.getErrorStream())));
      children.add(child);
      process.onExit().thenRun(() -> exited(child));
    }
    return server.listen() == null ? awaitAlive(child) : awaitListening(child, server.listen());
  }

  private String awaitAlive(Child child) throws InterruptedException {
    if (child.process().waitFor(aliveCheck.toMillis(), TimeUnit.MILLISECONDS)) {
      drain(child);
      return "server \""
          + child.name()
          + "\" exited with code "
          + child.process().exitValue()
          + " right after starting";
    }
    return otherDeath(child);
  }

  private String awaitListening(Child child, int port) throws InterruptedException {
    long deadline = System.nanoTime() + listenDeadline.toNanos();
    while (true) {
      if (accepts(port)) {
        return otherDeath(child);
      }
      if (!child.process().isAlive()) {
        drain(child);
        return "server \""
            + child.name()
            + "\" exited with code "
            + child.process().exitValue()
            + " before listening on port "
            + port;
      }
      String other = otherDeath(child);
      if (other != null) {
        return other;
      }
      synchronized (lock) {
        if (stopping) {
          return "stopped while waiting for server \"" + child.name() + "\"";
        }
      }
      if (System.nanoTime() - deadline >= 0) {
        return "server \""
            + child.name()
            + "\" did not listen on port "
            + port
            + " within "
            + listenDeadline.toSeconds()
            + " s";
      }
      child.process().waitFor(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** A message when a server started earlier than {@code current} has died meanwhile. */
  private String otherDeath(Child current) {
    Child dead;
    synchronized (lock) {
      dead = deaths.stream().filter(c -> c != current).findFirst().orElse(null);
    }
    if (dead == null) {
      return null;
    }
    drain(dead);
    return "server \""
        + dead.name()
        + "\" exited with code "
        + dead.process().exitValue()
        + " while starting \""
        + current.name()
        + "\"";
  }

  private void exited(Child child) {
    synchronized (lock) {
      if (!stopping) {
        deaths.add(child);
      }
      lock.notifyAll();
    }
  }

  /**
   * Blocks while the servers run. Returns 0 once {@link #stop()} was called, or 1 after reporting a
   * server that exited on its own (the others are stopped then). With {@code keepGoing} such an
   * exit is reported and the others keep running; 1 only when none is left.
   */
  public int awaitExit(boolean keepGoing) throws InterruptedException {
    while (true) {
      Child dead;
      boolean anyAlive;
      synchronized (lock) {
        while (!stopping && deaths.size() == deathsReported) {
          lock.wait();
        }
        long end = System.nanoTime() + SIGNAL_GRACE.toNanos();
        for (long left = SIGNAL_GRACE.toNanos();
            !stopping && left > 0;
            left = end - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
        if (stopping) {
          return 0;
        }
        dead = deaths.get(deathsReported++);
        anyAlive = children.stream().anyMatch(c -> c.process().isAlive());
      }
      drain(dead);
      String exited = "quiver up: server \"" + dead.name() + "\" exited ";
      if (!keepGoing) {
        err.println(
            exited
                + "unexpectedly with code "
                + dead.process().exitValue()
                + "; stopping the others");
        err.flush();
        stop();
        return 1;
      }
      if (!anyAlive) {
        err.println(exited + "with code " + dead.process().exitValue() + "; no server is left");
        err.flush();
        stop();
        return 1;
      }
      err.println(exited + "with code " + dead.process().exitValue() + "; the others keep running");
      err.flush();
    }
  }

  /** {@link #awaitExit(boolean)} stopping everything when one server exits. */
  public int awaitExit() throws InterruptedException {
    return awaitExit(false);
  }

  /**
   * Stops the servers in reverse order: SIGTERM, up to {@link #STOP_GRACE} to exit, then killed.
   * Safe to call more than once and from several threads; returns once all have exited.
   */
  public void stop() throws InterruptedException {
    List<Child> running;
    synchronized (lock) {
      if (stopping) {
        running = null;
      } else {
        stopping = true;
        lock.notifyAll();
        running = new ArrayList<>(children).reversed();
      }
    }
    if (running == null) {
      stopped.await();
      return;
    }
    try {
      for (Child child : running) {
        Process p = child.process();
        if (p.isAlive()) {
          say("stopping " + child.name());
          // through the handle: Process.destroy() would also close our ends of its stdout/stderr,
          // losing what it says while it stops
          p.toHandle().destroy();
          if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            say(child.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s; killing it");
            p.toHandle().destroyForcibly();
            p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
        drain(child);
      }
    } finally {
      stopped.countDown();
    }
  }

  /** The process id of a started server, or -1. */
  long pid(String name) {
    synchronized (lock) {
      return children.stream()
          .filter(c -> c.name().equals(name))
          .mapToLong(c -> c.process().pid())
          .findFirst()
          .orElse(-1);
    }
  }

  /** The processes started so far, in order (for tests). */
  List<Process> processes() {
    synchronized (lock) {
      return children.stream().map(Child::process).toList();
    }
  }

  /**
   * Waits (bounded) until a child's output has been copied, so it shows before our comment on it.
   */
  private static void drain(Child child) {
    long end = System.nanoTime() + OUTPUT_DRAIN.toNanos();
    for (Thread pump : child.pumps()) {
      try {
        pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Thread pump(String name, String stream, InputStream in) {
    String prefix = "[" + name + "] ";
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (out) {
                    out.println(prefix + line);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // the child is gone
              }
            },
            "quiver-up-" + name + "-" + stream);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void say(String message) {
    synchronized (out) {
      out.println("quiver up: " + message);
      out.flush();
    }
  }

  /** A folder as the user would write it: relative to the working directory when inside it. */
  private static String shown(Path dir) {
    Path cwd = Path.of("").toAbsolutePath();
    if (dir.equals(cwd)) {
      return ".";
    }
    return dir.startsWith(cwd) ? cwd.relativize(dir).toString() : dir.toString();
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(java.io.OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // nothing to feed the child anyway
    }
  }
}
