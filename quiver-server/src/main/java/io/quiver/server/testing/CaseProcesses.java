package io.quiver.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes one case (or command suite) started. Closing it stops every one still running, with
 * its descendants: first politely (SIGTERM, so a Quiver flushes its sinks), then by force. A JVM
 * shutdown hook (Ctrl-C) kills every process of every open instance, so a harness that is
 * interrupted leaves nothing behind.
 */
final class CaseProcesses implements AutoCloseable {
  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration POLITE = Duration.ofSeconds(3);
  private static volatile boolean closing;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closing = true;
                  LIVE.forEach(CaseProcesses::killTree);
                },
                "quiver-test-cleanup"));
  }

  private final List<Process> started = new ArrayList<>();

  /** Whether the Quivers a case starts write JSON as Tremor does ({@code QUIVER_TREMOR_JSON}). */
  private static volatile boolean tremorJsonDefault = true;

  /** Sets it for every case started from now on ({@code quiver test --no-tremor-json}). */
  static void useTremorJson(boolean on) {
    tremorJsonDefault = on;
  }

  private boolean tremorJson = tremorJsonDefault;

  /**
   * The processes of a bench case: their output is not compared, so they run with Quiver's own
   * JSON, as measured in BENCHMARKS.md.
   */
  CaseProcesses withQuiverJson() {
    tremorJson = false;
    return this;
  }

  /**
   * Starts {@code command} in {@code cwd} with {@code env} added to the inherited environment,
   * stdout and stderr going to {@code out} and {@code err}; stdin stays an open pipe, as in Tremor.
   */
  Process start(List<String> command, Path cwd, Map<String, String> env, Path out, Path err)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("QUIVER_TREMOR_JSON", Boolean.toString(tremorJson));
    builder.environment().putAll(env);
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start `" + String.join(" ", command) + "`: " + e.getMessage());
    }
    started.add(p);
    LIVE.add(p.toHandle());
    if (closing) { // the JVM is ending: a process started now would outlive it
      killTree(p.toHandle());
      throw new IOException("the harness is shutting down");
    }
    return p;
  }

  /**
   * Starts the process of a {@code before.json} in {@code dir} (output to {@code bg.out.log} and
   * {@code bg.err.log}) and waits for its {@code await} conditions.
   *
   * @return null when they were met, else why not (starting with {@code before.json: })
   */
  String startBefore(Path file, Path dir) throws IOException, InterruptedException {
    ProcessSpec spec = ProcessSpec.read(file);
    Process p =
        start(
            Programs.of(spec.cmd(), spec.args(), dir),
            dir,
            spec.env(),
            dir.resolve("bg.out.log"),
            dir.resolve("bg.err.log"));
    String unmet = new AwaitConditions(spec, dir).await(p::isAlive);
    return unmet == null ? null : "before.json: " + unmet;
  }

  /**
   * Runs the process of an {@code after.json} in {@code dir} to its end (output to {@code
   * after.out.log} and {@code after.err.log}).
   *
   * @return null when it ended within {@code limit}, else why not
   */
  String runAfter(Path file, Path dir, Duration limit) throws IOException, InterruptedException {
    ProcessSpec spec = ProcessSpec.read(file);
    Process p =
        start(
            Programs.of(spec.cmd(), spec.args(), dir),
            dir,
            spec.env(),
            dir.resolve("after.out.log"),
            dir.resolve("after.err.log"));
    return awaitExit(p, limit)
        ? null
        : "after.json: `" + spec.cmd() + "` did not end within " + limit.toSeconds() + " s";
  }

  /**
   * Waits up to {@code limit} for {@code p} to exit; on timeout kills it and its descendants.
   *
   * @return whether it exited by itself in time
   */
  boolean awaitExit(Process p, Duration limit) throws InterruptedException {
    if (p.waitFor(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS)) {
      return true;
    }
    killTree(p.toHandle());
    p.waitFor(5, TimeUnit.SECONDS);
    return false;
  }

  /** Stops every process still running (descendants too), politely then by force. */
  @Override
  public void close() {
    for (Process p : started) {
      ProcessHandle h = p.toHandle();
      if (h.isAlive() || h.descendants().findAny().isPresent()) {
        List<ProcessHandle> tree = new ArrayList<>(h.descendants().toList());
        tree.add(0, h);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + POLITE.toNanos();
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
      }
      LIVE.remove(h);
    }
  }

  /** Kills {@code h} and every descendant by force (descendants are listed before the kill). */
  static void killTree(ProcessHandle h) {
    List<ProcessHandle> descendants = h.descendants().toList();
    h.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
