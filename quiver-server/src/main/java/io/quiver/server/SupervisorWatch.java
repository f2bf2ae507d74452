package io.quiver.server;

import java.util.Optional;
import org.slf4j.Logger;

/**
 * Ends a server started by {@code quiver up} when that supervisor is gone, however it went
 * (including {@code kill -9}, which gives it no chance to stop its children). The supervisor puts
 * its pid in {@value #ENV}; {@link ProcessHandle#onExit()} notices its end, and {@link
 * System#exit(int)} runs the normal shutdown hook, so the server drains and stops as on Ctrl-C.
 */
record SupervisorWatch(ProcessHandle supervisor, Logger log) {
  static final String ENV = "QUIVER_SUPERVISOR_PID";

  static Optional<SupervisorWatch> fromEnvironment(Logger log) {
    String pid = System.getenv(ENV);
    if (pid == null || pid.isBlank()) {
      return Optional.empty();
    }
    try {
      Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid.trim()));
      if (handle.isEmpty() || !handle.get().isAlive()) {
        log.warn("{}={} names no running process: stopping now", ENV, pid);
        System.exit(0);
      }
      return handle.map(h -> new SupervisorWatch(h, log));
    } catch (NumberFormatException e) {
      log.warn("{}={} is not a process id; not watching a supervisor", ENV, pid);
      return Optional.empty();
    }
  }

  void exitWhenGone() {
    supervisor
        .onExit()
        .thenRun(
            () -> {
              log.info("stopping: the quiver up supervisor (pid {}) is gone", supervisor.pid());
              System.exit(0);
            });
  }
}
