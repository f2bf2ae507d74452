package io.quiver.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileWriterThreadTest {
  private static final Path FILE = Path.of("out.log");

  private static FileWriterThread.Block block(String text) {
    return new FileWriterThread.Block(text.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void blocksAreWrittenInOrderAndFlushedOnceTheQueueRunsEmpty() throws Exception {
    GatedOutputStream out = new GatedOutputStream();
    FileWriterThread writer = new FileWriterThread("test", FILE, out.open(), 16, "w-order");
    AtomicInteger released = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      assertThat(
              writer.offer(
                  new FileWriterThread.Block(
                      ("l" + i + "\n").getBytes(), released::incrementAndGet)))
          .isTrue();
    }
    Await.until("written", () -> writer.backlog() == 0);
    assertThat(out.text()).isEqualTo("l0\nl1\nl2\nl3\nl4\n");
    assertThat(out.flushes).isPositive();
    assertThat(released).hasValue(5);
    assertThat(writer.close(5_000)).isTrue();
    assertThat(out.closed).isTrue();
  }

  @Test
  void aFullQueueRefusesWithoutBlockingAndTheBacklogCountsTheBlockBeingWritten() throws Exception {
    GatedOutputStream out = new GatedOutputStream();
    FileWriterThread writer = new FileWriterThread("test", FILE, out, 2, "w-full");
    assertThat(writer.offer(block("a\n"))).isTrue();
    // nothing is written before the buffer fills or the queue runs empty: the flush writes "a"
    assertThat(out.firstWrite.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.offer(block("b\n"))).isTrue();
    assertThat(writer.offer(block("c\n"))).isTrue();
    assertThat(writer.offer(block("d\n"))).isFalse();
    assertThat(writer.backlog()).isEqualTo(3);
    out.open();
    Await.until("written", () -> writer.backlog() == 0);
    assertThat(out.text()).isEqualTo("a\nb\nc\n");
    assertThat(writer.close(5_000)).isTrue();
  }

  @Test
  void closeWritesEverythingQueuedThenRefusesMore() throws Exception {
    GatedOutputStream out = new GatedOutputStream();
    FileWriterThread writer = new FileWriterThread("test", FILE, out, 1024, "w-close");
    for (int i = 0; i < 1000; i++) {
      assertThat(writer.offer(block(i + "\n"))).isTrue();
    }
    out.open();
    assertThat(writer.close(10_000)).isTrue();
    assertThat(out.closed).isTrue();
    assertThat(out.text().split("\n")).hasSize(1000).endsWith("999");
    assertThat(writer.offer(block("late\n"))).isFalse();
  }

  @Test
  void blocksLargerThanTheBufferAreWrittenWhole() throws Exception {
    GatedOutputStream out = new GatedOutputStream();
    FileWriterThread writer = new FileWriterThread("test", FILE, out.open(), 8, "w-large");
    String big = "x".repeat(200_000) + "\n";
    writer.offer(block("small\n"));
    writer.offer(block(big));
    writer.offer(block("after\n"));
    assertThat(writer.close(10_000)).isTrue();
    assertThat(out.text()).isEqualTo("small\n" + big + "after\n");
  }

  @Test
  void aWriteErrorLosesThoseLinesButTheWriterGoesOn() throws Exception {
    AtomicInteger failures = new AtomicInteger(1);
    GatedOutputStream good = new GatedOutputStream().open();
    OutputStream flaky =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (failures.getAndDecrement() > 0) {
              throw new IOException("No space left on device");
            }
            good.write(b, off, len);
          }
        };
    FileWriterThread writer = new FileWriterThread("test", FILE, flaky, 8, "w-flaky");
    writer.offer(block("lost\n"));
    Await.until("first block done", () -> writer.backlog() == 0);
    writer.offer(block("kept\n"));
    assertThat(writer.close(5_000)).isTrue();
    assertThat(good.text()).isEqualTo("kept\n");
  }
}
