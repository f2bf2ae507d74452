package io.quiver.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOnrampTest {
  @TempDir Path dir;
  private FileOnramp onramp;
  private final RecordingFileSourceContext context = new RecordingFileSourceContext();

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
  }

  private FileOnramp start(Path source, boolean closeOnDone, long sleepMs) throws IOException {
    onramp =
        new FileOnramp(
            RecordingFileSourceContext.ARTEFACT,
            new FileOnrampSettings(source, closeOnDone, sleepMs));
    onramp.start(context);
    return onramp;
  }

  private Thread readerThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("file-in-01"))
        .findFirst()
        .orElse(null);
  }

  @Test
  void everyLineIsOneMessageThenTheStreamClosesAndTheProcessEnds() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}");
    start(in, true, 0);
    assertThat(context.exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(context.log)
        .containsExactly(
            "open 1",
            "line {\"a\":1}",
            "line ",
            "line {\"b\":2}",
            "line {\"c\":3}",
            "close 1",
            "exit 0");
    assertThat(context.allEndOfMessage).isTrue();
  }

  @Test
  void anXzSourceIsReadDecompressed() throws Exception {
    Path in = dir.resolve("in.json.xz");
    FileAccessTest.writeXz(in, "x\ny\n");
    start(in, true, 0);
    assertThat(context.exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(context.lines()).containsExactly("x", "y");
  }

  @Test
  void withoutCloseOnDoneTheStreamClosesAndTheProcessGoesOn() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "a\n");
    start(in, false, 0);
    Await.until("stream closed", () -> context.log.contains("close 1"));
    Await.until("reader thread ended", () -> readerThread() == null);
    assertThat(context.log).containsExactly("open 1", "line a", "close 1");
  }

  @Test
  void sleepOnDoneComesBeforeTheExit() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "a\n");
    long started = System.nanoTime();
    start(in, true, 300);
    assertThat(context.exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    // the exit waits for the sleep: a lower bound only, never an upper one
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(context.log).containsExactly("open 1", "line a", "close 1", "exit 0");
  }

  @Test
  void aStopDuringSleepOnDoneEndsNothing() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "a\n");
    start(in, true, 60_000);
    Await.until("stream closed", () -> context.log.contains("close 1"));
    onramp.stop();
    assertThat(readerThread()).isNull();
    assertThat(context.log).containsExactly("open 1", "line a", "close 1");
  }

  @Test
  void aPausedStreamIsNotReadUntilResumedAndNoLineIsLost() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i).append('\n');
    }
    Path in = Files.writeString(dir.resolve("in.json"), text);
    context.afterLine =
        n -> {
          if (n == 10) {
            context.flow.pause(); // as the runtime does when a pipeline is overloaded
          }
        };
    start(in, true, 0);
    Await.until(
        "reader parked while paused",
        () -> {
          Thread t = readerThread();
          return t != null && t.getState() == Thread.State.TIMED_WAITING;
        });
    assertThat(context.lines()).hasSize(10);
    context.flow.resume();
    assertThat(context.exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    List<String> lines = context.lines();
    assertThat(lines).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(lines.get(i)).isEqualTo(Integer.toString(i));
    }
  }

  @Test
  void aStopWhilePausedClosesTheStreamOnceAndDoesNotExit() throws Exception {
    Path in = Files.writeString(dir.resolve("in.json"), "a\nb\nc\n");
    context.afterLine = n -> context.flow.pause();
    start(in, true, 0);
    Await.until("first line", () -> context.lines().size() == 1);
    onramp.stop();
    assertThat(context.log).containsExactly("open 1", "line a", "close 1");
  }

  @Test
  void aMissingSourceFailsTheStartNamingTheFileAndTheOnramp() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> start(missing, true, 0))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "[Source::tremor://localhost/onramp/in/01] cannot read "
                + missing
                + ": no such file (relative paths are resolved against the directory quiver"
                + " runs in)");
    assertThat(context.log).isEmpty();
  }

  @Test
  void aTruncatedXzEndsTheFileAfterTheLinesBeforeTheDamage() throws Exception {
    Path whole = dir.resolve("whole.xz");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8_000; i++) {
      text.append("line ").append(i).append(' ').append(java.util.UUID.randomUUID()).append('\n');
    }
    FileAccessTest.writeXz(whole, text.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.xz"), Arrays.copyOf(bytes, bytes.length / 2));
    start(cut, true, 0);
    assertThat(context.exits.poll(60, TimeUnit.SECONDS)).isEqualTo(0);
    List<String> lines = context.lines();
    // the lines before the damage (xz decodes in chunks of up to 64 KiB), not the rest
    assertThat(lines.size()).isBetween(1, 7_999);
    for (int i = 0; i < lines.size() - 1; i++) {
      assertThat(lines.get(i)).startsWith("line " + i + " ");
    }
    assertThat(context.log).endsWith("close 1", "exit 0");
  }
}
