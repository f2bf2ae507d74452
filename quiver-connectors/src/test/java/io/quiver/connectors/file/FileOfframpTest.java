package io.quiver.connectors.file;

import static io.quiver.connectors.file.FileSinkTestContext.batch;
import static io.quiver.connectors.file.FileSinkTestContext.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.testkit.Await;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOfframpTest {
  @TempDir Path dir;
  private FileOfframp sink;

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
  }

  private FileOfframp start(FileOfframp offramp, FileSinkTestContext context) throws IOException {
    sink = offramp;
    sink.start(context);
    return sink;
  }

  private String written(Path file) throws Exception {
    Await.until("written", () -> sink.drained());
    return Files.readString(file);
  }

  @Test
  void anExistingFileIsEmptiedAndEachEventBecomesAJsonLine() throws Exception {
    Path file = Files.writeString(dir.resolve("out.log"), "from an earlier run\n");
    start(new FileOfframp(file), new FileSinkTestContext());
    sink.onEvent(event(1, Value.obj("a", Value.of(1))));
    sink.onEvent(event(2, Value.of("snot")));
    assertThat(written(file)).isEqualTo("{\"a\":1}\n\"snot\"\n");
  }

  @Test
  void everyValueOfABatchIsALine() throws Exception {
    Path file = dir.resolve("out.log");
    start(new FileOfframp(file), new FileSinkTestContext());
    sink.onEvent(batch(1, Value.of(1), Value.of(2), Value.of(3)));
    assertThat(written(file)).isEqualTo("1\n2\n3\n");
  }

  @Test
  void everyChunkThePostprocessorsMakeIsFollowedByANewline() throws Exception {
    Path file = dir.resolve("out.log");
    start(new FileOfframp(file), new FileSinkTestContext(new FileSinkTestContext.Halves()));
    sink.onEvent(event(1, Value.of("abcd")));
    assertThat(written(file)).isEqualTo("\"ab\ncd\"\n");
  }

  @Test
  void anEventTheCodecRefusesFailsNamingTheOfframpAndWritesNothing() throws Exception {
    Path file = dir.resolve("out.log");
    start(new FileOfframp(file), new FileSinkTestContext());
    assertThatThrownBy(() -> sink.onEvent(event(1, Value.of(1.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "[Offramp::tremor://localhost/offramp/out/01] floats refused by this test codec");
    sink.onEvent(event(2, Value.of(2)));
    assertThat(written(file)).isEqualTo("2\n");
  }

  @Test
  void stopWritesEveryLineTakenBeforeItReturns() throws Exception {
    Path file = dir.resolve("out.log");
    start(new FileOfframp(file), new FileSinkTestContext());
    for (int i = 0; i < 3000; i++) {
      sink.onEvent(event(i, Value.of(i)));
    }
    sink.stop();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3000);
    assertThat(lines.get(2999)).isEqualTo("2999");
  }

  @Test
  void aStalledFileHoldsTheSenderBackAndReleasesItOnceWritten() throws Exception {
    GatedOutputStream disk = new GatedOutputStream();
    FileSinkTestContext context = new FileSinkTestContext();
    start(new FileOfframp(dir.resolve("out.log"), f -> disk), context);
    sink.onEvent(event(0, Value.of(0)));
    assertThat(disk.firstWrite.await(10, TimeUnit.SECONDS)).isTrue(); // the writer is stuck
    for (int i = 1; i < FileOfframp.HOLD_AT; i++) {
      sink.onEvent(event(i, Value.of(i)));
    }
    assertThat(context.recorded).isEmpty();
    sink.onEvent(event(FileOfframp.HOLD_AT, Value.of(0)));
    assertThat(context.recorded).containsExactly("hold " + FileOfframp.HOLD_AT);
    disk.open();
    // the writer releases the sender right after it caught up: wait for both, not only the first
    Await.until("written and released", () -> sink.drained() && context.recorded.size() == 2);
    assertThat(context.recorded)
        .containsExactly("hold " + FileOfframp.HOLD_AT, "release " + FileOfframp.HOLD_AT);
  }

  @Test
  void whenTheQueueIsFullAndTheSenderCannotBeHeldTheEventFails() throws Exception {
    GatedOutputStream disk = new GatedOutputStream();
    FileSinkTestContext context = new FileSinkTestContext();
    context.holdable = false;
    start(new FileOfframp(dir.resolve("out.log"), f -> disk), context);
    sink.onEvent(event(0, Value.of(0)));
    assertThat(disk.firstWrite.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= FileOfframp.CAPACITY; i++) {
      sink.onEvent(event(i, Value.of(i)));
    }
    assertThatThrownBy(() -> sink.onEvent(event(-1, Value.of(-1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not keeping up (or closed): event dropped");
    disk.open();
    sink.stop();
    assertThat(disk.text().split("\n")).hasSize(FileOfframp.CAPACITY + 1);
  }

  @Test
  void aMissingDirectoryFailsTheStartNamingItAndTheOfframp() {
    Path file = dir.resolve("missing/out.log");
    assertThatThrownBy(() -> start(new FileOfframp(file), new FileSinkTestContext()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "[Offramp::tremor://localhost/offramp/out/01] cannot create "
                + file
                + ": the directory "
                + file.getParent()
                + " does not exist");
  }
}
