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
