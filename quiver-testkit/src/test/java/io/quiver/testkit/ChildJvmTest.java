package io.quiver.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping, killing and restarting a small Java program as a child process. */
class ChildJvmTest {
  @TempDir Path tmp;
  private ChildJvm jvm;

  /** The child: says {@code ready} once its first argument's file exists, then waits to end. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      System.out.println("started");
      while (!Files.exists(Path.of(args[0]))) {
        Thread.sleep(10);
      }
      System.out.println("ready");
      if (args.length > 1) {
        System.exit(Integer.parseInt(args[1]));
      }
      Thread.sleep(60_000);
    }
  }

  @AfterEach
  void kill() {
    if (jvm != null) {
      jvm.kill();
    }
  }

  private List<String> child(Path go, String... more) {
    var command =
        new java.util.ArrayList<>(
            List.of(
                ChildJvm.javaCommand(),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                go.toString()));
    command.addAll(List.of(more));
    return command;
  }

  /** Whether the log has {@code times} lines "ready" (the log is appended to across starts). */
  private boolean readyLines(long times) {
    try {
      return Files.readAllLines(tmp.resolve("child.log")).stream().filter("ready"::equals).count()
          >= times;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void startsUntilReadyStopsAndStartsAgainAppendingToItsLog() throws Exception {
    jvm =
        new ChildJvm(
            "the child", tmp.resolve("child.log"), Duration.ofSeconds(60), Duration.ofMillis(20));
    Path go = Files.createFile(tmp.resolve("go"));
    jvm.start(child(go), () -> readyLines(1), "say ready");
    assertThat(jvm.running()).isTrue();

    jvm.stop();
    assertThat(jvm.running()).isFalse();
    jvm.start(child(go), () -> readyLines(2), "say ready");
    assertThat(jvm.running()).isTrue();
    jvm.kill();
    assertThat(jvm.running()).isFalse();
    assertThat(Files.readAllLines(tmp.resolve("child.log")))
        .containsExactly("started", "ready", "started", "ready");
  }

  @Test
  void aChildThatExitsBeforeItIsReadyFailsTheStartWithItsOutput() {
    jvm =
        new ChildJvm(
            "the child", tmp.resolve("child.log"), Duration.ofSeconds(60), Duration.ofMillis(20));
    Path go = tmp.resolve("go");
    assertThatThrownBy(
            () -> {
              Files.createFile(go);
              jvm.start(child(go, "3"), () -> false, "never");
            })
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the child exited with 3; its output:\nstarted\nready");
  }

  @Test
  void aChildNotReadyByTheDeadlineIsKilledAndTheStartFails() throws Exception {
    jvm =
        new ChildJvm(
            "the child", tmp.resolve("child.log"), Duration.ofMillis(300), Duration.ofMillis(20));
    Path never = tmp.resolve("never");
    assertThatThrownBy(() -> jvm.start(child(never), () -> false, "say ready"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the child did not say ready in PT0.3S:");
    assertThat(jvm.running()).isFalse();
  }

  @Test
  void theClassPathIsTheMainClassLocationAndTheListTheBuildWrote() throws Exception {
    Path list = Files.writeString(tmp.resolve("some.classpath"), "/a.jar:/b.jar\n");
    String key = "quiver.testkit.childjvmtest.classpath";
    System.setProperty(key, list.toString());
    try {
      String cp = ChildJvm.classPath(Child.class, key, "unused", "some-module");
      assertThat(cp).endsWith(java.io.File.pathSeparator + "/a.jar:/b.jar");
      assertThat(Path.of(cp.substring(0, cp.indexOf(java.io.File.pathSeparator)))).isDirectory();
      System.setProperty(key, tmp.resolve("missing").toString());
      assertThatThrownBy(() -> ChildJvm.classPath(Child.class, key, "unused", "some-module"))
          .hasMessageEndingWith(
              "is missing: build the some-module module first (./mvnw -pl some-module -am"
                  + " package), which writes it");
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void deleteTreeRemovesADirectoryWithItsFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data/sub"));
    Files.writeString(dir.resolve("f"), "x");
    ChildJvm.deleteTree(tmp.resolve("data"));
    assertThat(tmp.resolve("data")).doesNotExist();
    assertThat(ChildJvm.tail(tmp.resolve("data/none"))).startsWith("(no output: ");
  }
}
