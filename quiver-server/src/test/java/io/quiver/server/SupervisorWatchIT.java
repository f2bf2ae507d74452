package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started by {@code quiver up} stops by itself when its supervisor is killed with SIGKILL:
 * a real {@code server run} child process watches a stand-in supervisor process.
 */
class SupervisorWatchIT {
  @TempDir Path dir;
  private Process supervisor;
  private Process server;

  @AfterEach
  void cleanUp() {
    for (Process p : new Process[] {server, supervisor}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private Process startServer(long supervisorPid) throws IOException {
    Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "server",
                "run",
                "-n",
                "-f",
                "pass.trickle")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    builder.environment().put(SupervisorWatch.ENV, Long.toString(supervisorPid));
    return builder.start();
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
  }

  @Test
  void serverStopsWhenItsSupervisorIsKilled() throws Exception {
    supervisor = new ProcessBuilder("sleep", "600").start();
    server = startServer(supervisor.pid());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!log().contains("quiver is running") && System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server still running; log: %s", log()).isTrue();
      Thread.onSpinWait();
      server.waitFor(20, TimeUnit.MILLISECONDS);
    }
    assertThat(log()).contains("quiver is running");
    assertThat(server.isAlive()).isTrue();

    supervisor.destroyForcibly().waitFor();

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server exited; log: %s", log()).isTrue();
    assertThat(server.exitValue()).isZero();
    assertThat(log())
        .contains("stopping: the quiver up supervisor (pid " + supervisor.pid() + ") is gone");
  }

  @Test
  void aSupervisorPidThatIsAlreadyGoneStopsTheServerAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    server = startServer(gone.pid());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server exited; log: %s", log()).isTrue();
    assertThat(server.exitValue()).isZero();
    assertThat(log())
        .contains(
            SupervisorWatch.ENV + "=" + gone.pid() + " names no running process: stopping now");
  }
}
